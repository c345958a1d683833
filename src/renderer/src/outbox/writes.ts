import { parseRow, type OutboxDatabase } from './database'
import { OutboxStateError, toWriteError } from './errors'
import type { OutboxDraft, OutboxEntry } from './model'
import { entrySchema } from './schema'
import { createEntry } from './transitions'

/**
 * The outbox's writes. Each is one short read-write transaction that awaits nothing but the
 * store itself, so no network or IPC wait can ever commit it early.
 */

/**
 * Stores a new entry and resolves only once the transaction committed. A draft whose reference
 * is already stored (a double tap) stores nothing and resolves with the stored entry.
 */
export async function addEntry(
  db: OutboxDatabase,
  draft: OutboxDraft,
  now: number,
): Promise<OutboxEntry> {
  const entry = entrySchema.safeParse(createEntry(draft, now))
  if (!entry.success) throw new TypeError('The draft does not match the outbox entry model')

  try {
    return await db.transaction('rw', db.entries, async () => {
      const stored = parseRow(await db.entries.get(entry.data.reference))
      if (stored) return stored
      await db.entries.add(entry.data)
      return entry.data
    })
  } catch (error) {
    throw toWriteError(error, 'store the entry')
  }
}

export type Change = { before: OutboxEntry; after: OutboxEntry | null }

/**
 * Reads one entry, asks `decide` for its next version (null: leave it as it is) and writes it,
 * all in one transaction. Resolves undefined when there is no such (readable) entry.
 */
export async function changeEntry(
  db: OutboxDatabase,
  reference: string,
  decide: (entry: OutboxEntry) => OutboxEntry | null,
): Promise<Change | undefined> {
  try {
    return await db.transaction('rw', db.entries, async () => {
      const before = parseRow(await db.entries.get(reference))
      if (!before) return undefined
      const after = decide(before)
      if (after) await db.entries.put(after)
      return { before, after }
    })
  } catch (error) {
    throw toWriteError(error, 'record the change')
  }
}

/** Like `changeEntry`, for staff actions: a missing entry is an error, not a quiet no-op. */
export async function changeExisting(
  db: OutboxDatabase,
  reference: string,
  decide: (entry: OutboxEntry) => OutboxEntry | null,
): Promise<void> {
  const change = await changeEntry(db, reference, decide)
  if (!change) throw new OutboxStateError(`No readable entry ${reference} in the outbox`)
}

/** Entries in `sending` were interrupted (crash, reload): back to pending, due now, steps kept. */
export async function recoverSending(db: OutboxDatabase, now: number): Promise<number> {
  return await writeMany('recover interrupted entries', () =>
    db.entries
      .where('state')
      .equals('sending')
      .modify({ state: 'pending', nextAttemptAt: now, updatedAt: new Date(now).toISOString() }),
  )
}

/** Every pending entry waiting out a backoff becomes due now. */
export async function hurryPending(db: OutboxDatabase, now: number): Promise<number> {
  return await writeMany('bring the waiting entries forward', () =>
    db.entries
      .where('[state+nextAttemptAt]')
      .between(['pending', now], ['pending', Infinity], false, true)
      .modify({ nextAttemptAt: now, updatedAt: new Date(now).toISOString() }),
  )
}

/** Applies `decide` to every readable entry in the given states, in one transaction. */
export async function changeAll(
  db: OutboxDatabase,
  states: OutboxEntry['state'][],
  decide: (entry: OutboxEntry) => OutboxEntry | null,
): Promise<number> {
  return await writeMany('update the finished entries', () =>
    db.transaction('rw', db.entries, async () => {
      const rows: unknown[] = await db.entries.where('state').anyOf(states).toArray()
      const changed = rows.flatMap((row) => {
        const entry = parseRow(row)
        const next = entry ? decide(entry) : null
        return next ? [next] : []
      })
      await db.entries.bulkPut(changed)
      return changed.length
    }),
  )
}

async function writeMany(action: string, write: () => PromiseLike<number>): Promise<number> {
  try {
    return await write()
  } catch (error) {
    throw toWriteError(error, action)
  }
}
