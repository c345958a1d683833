import { Dexie } from 'dexie'
import {
  entryStates,
  type DeliveryOutcome,
  type EntryState,
  type Visitor,
} from '../../../shared/entry'
import { OutboxDatabase, parseRows } from './database'
import { toWriteError } from './errors'
import type { OutboxDraft, OutboxEntry, SetAsideRow } from './model'
import { visitorSchema } from './schema'
import { discarded, edited, purged, resent, retried } from './staff'
import { claimed, withOutcome } from './transitions'
import {
  addEntry,
  changeAll,
  changeEntry,
  changeExisting,
  hurryPending,
  recoverSending,
} from './writes'

/**
 * The offline outbox: every captured entry, durably stored until it is delivered or staff
 * discard it. Guarantees: `add` resolves only once the entry is committed (strict durability)
 * and rejects with OutboxWriteError otherwise; every state change is its own short transaction;
 * every row is parsed when read, and a row that does not parse is set aside, never dropped.
 * Methods that take `now` (epoch ms) default to the current time.
 */
export type Outbox = {
  add(draft: OutboxDraft): Promise<OutboxEntry>
  /** Newest first. */
  list(): Promise<OutboxEntry[]>
  get(reference: string): Promise<OutboxEntry | undefined>
  /**
   * At most `limit` pending entries due at `now`, earliest due first (then oldest capture),
   * leaving out the references in `skip`. Reads only the rows it answers with (and skipped ones).
   */
  due(now: number, limit: number, skip?: ReadonlySet<string>): Promise<OutboxEntry[]>
  /** Entries captured at or after `since` (an ISO time), oldest capture first. */
  capturedSince(since: string): Promise<OutboxEntry[]>
  /** When the earliest pending entry is due, or null when nothing is pending. */
  nextDueAt(): Promise<number | null>
  /** Atomic pending → sending; false when the entry is not pending (someone else has it). */
  markSending(reference: string, now?: number): Promise<boolean>
  applyOutcome(
    reference: string,
    outcome: DeliveryOutcome,
    now?: number,
    random?: () => number,
  ): Promise<OutboxEntry | undefined>
  /** At start-up: sending → pending, due now, finished steps kept. Returns how many. */
  recoverInterrupted(now?: number): Promise<number>
  /** Makes every pending entry due now (staff pressed "send now"). Returns how many moved. */
  makeDueNow(now?: number): Promise<number>
  retry(reference: string): Promise<void>
  edit(reference: string, visitor: Visitor): Promise<void>
  discard(reference: string, reason: string): Promise<void>
  resendDelivered(reference: string): Promise<void>
  /** Strips personal data from entries finished more than `retentionDays` ago; receipts stay. */
  purgeDelivered(retentionDays: number, now?: number): Promise<number>
  /** Rows that did not parse, kept in quarantine with their raw JSON and the reason. */
  setAside(): Promise<SetAsideRow[]>
  counts(): Promise<Record<EntryState, number>>
  close(): void
}

export async function openOutbox(name = 'showroom-kiosk'): Promise<Outbox> {
  const db = new OutboxDatabase(name)
  try {
    await db.open()
  } catch (error) {
    throw toWriteError(error, 'open its store')
  }
  return outboxOn(db)
}

function outboxOn(db: OutboxDatabase): Outbox {
  const list = async (): Promise<OutboxEntry[]> => {
    const entries = await parseRows(db, await db.entries.toArray())
    return entries.sort((a, b) => b.capturedAt.localeCompare(a.capturedAt))
  }

  return {
    add: (draft) => addEntry(db, draft, Date.now()),
    list,
    get: (reference) => getEntry(db, reference),
    due: (now, limit, skip) => dueEntries(db, now, limit, skip),
    capturedSince: async (since) =>
      parseRows(db, await db.entries.where('capturedAt').aboveOrEqual(since).toArray()),
    nextDueAt: () => nextDueAt(db),
    markSending: async (reference, now = Date.now()) => {
      const change = await changeEntry(db, reference, (entry) => claimed(entry, now))
      return Boolean(change?.after)
    },
    applyOutcome: async (reference, outcome, now = Date.now(), random) => {
      const change = await changeEntry(db, reference, (e) => withOutcome(e, outcome, now, random))
      return change && (change.after ?? change.before)
    },
    recoverInterrupted: (now = Date.now()) => recoverSending(db, now),
    makeDueNow: (now = Date.now()) => hurryPending(db, now),
    retry: (reference) => changeExisting(db, reference, (e) => retried(e, Date.now())),
    edit: async (reference, visitor) => {
      const corrected = visitorSchema.parse(visitor)
      await changeExisting(db, reference, (e) => edited(e, corrected, Date.now()))
    },
    discard: (reference, reason) =>
      changeExisting(db, reference, (e) => discarded(e, reason, Date.now())),
    resendDelivered: (reference) => changeExisting(db, reference, (e) => resent(e, Date.now())),
    purgeDelivered: (days, now = Date.now()) =>
      changeAll(db, ['delivered', 'discarded'], (e) => purged(e, days, now)),
    setAside: async () => {
      await list()
      const rows = await db.quarantine.orderBy('seq').toArray()
      return rows.map(({ key, reason, raw, at }) => ({ key, reason, raw, at }))
    },
    counts: () => countByState(db),
    close: () => db.close(),
  }
}

async function dueEntries(
  db: OutboxDatabase,
  now: number,
  limit: number,
  skip: ReadonlySet<string> = new Set(),
): Promise<OutboxEntry[]> {
  if (limit <= 0) return []
  const rows = await db.entries
    .where('[state+nextAttemptAt+capturedAt]')
    .between(['pending', Dexie.minKey, Dexie.minKey], ['pending', now, Dexie.maxKey], true, true)
    .filter((row) => !skip.has(row.reference))
    .limit(limit)
    .toArray()
  return parseRows(db, rows)
}

async function nextDueAt(db: OutboxDatabase): Promise<number | null> {
  const first = await db.entries
    .where('[state+nextAttemptAt]')
    .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey], true, true)
    .first()
  return typeof first?.nextAttemptAt === 'number' ? first.nextAttemptAt : null
}

async function getEntry(db: OutboxDatabase, reference: string): Promise<OutboxEntry | undefined> {
  const row: unknown = await db.entries.get(reference)
  if (row === undefined) return undefined
  const [entry] = await parseRows(db, [row])
  return entry
}

async function countByState(db: OutboxDatabase): Promise<Record<EntryState, number>> {
  const counts = { pending: 0, sending: 0, delivered: 0, needs_attention: 0, discarded: 0 }
  for (const state of entryStates) {
    counts[state] = await db.entries.where('state').equals(state).count()
  }
  return counts
}
