import { Dexie, type EntityTable, type IndexableType, type Table } from 'dexie'
import { describeIssues, entrySchema } from './schema'
import type { OutboxEntry, SetAsideRow } from './model'

/**
 * The IndexedDB store behind the outbox. Every read goes through `parseRows`, so code above
 * this file only ever sees parsed entries; rows that do not parse are moved to `quarantine`.
 */

type QuarantineRow = SetAsideRow & { seq?: number }

export class OutboxDatabase extends Dexie {
  entries!: Table<OutboxEntry, IndexableType>
  quarantine!: EntityTable<QuarantineRow, 'seq'>

  constructor(name: string) {
    // Strict durability: a write reports success only once it is flushed to disk.
    super(name, { chromeTransactionDurability: 'strict' })
    this.version(1).stores({
      entries: 'reference, state, [state+nextAttemptAt]',
      quarantine: '++seq, key',
    })
    // Version 2 only adds indexes (IndexedDB builds them over the rows already stored), so
    // that the courier reads just the due rows it takes and the ledger just the new captures.
    this.version(2).stores({
      entries:
        'reference, state, capturedAt, [state+nextAttemptAt], [state+nextAttemptAt+capturedAt]',
      quarantine: '++seq, key',
    })
  }
}

type Rejected = { key: IndexableType; reason: string }

/** Parses rows as read; sets the unparseable ones aside and leaves them out of the answer. */
export async function parseRows(db: OutboxDatabase, rows: unknown[]): Promise<OutboxEntry[]> {
  const entries: OutboxEntry[] = []
  const rejected: Rejected[] = []
  for (const row of rows) {
    const parsed = entrySchema.safeParse(row)
    if (parsed.success) entries.push(parsed.data)
    else rejected.push({ key: primaryKey(row), reason: describeIssues(parsed.error) })
  }
  if (rejected.length > 0) await setAside(db, rejected)
  return entries
}

/** Parses one row read inside a transaction; an unparseable row is left for `parseRows`. */
export function parseRow(row: unknown): OutboxEntry | undefined {
  const parsed = entrySchema.safeParse(row)
  return parsed.success ? parsed.data : undefined
}

/**
 * Moves rows to quarantine, each re-read and re-checked inside the move. Failure to move (a
 * full disk) leaves the row where it was: reading goes on, and nothing is dropped. A Dexie live
 * query may only read, so from inside one the move runs just after, outside it.
 */
async function setAside(db: OutboxDatabase, rejected: Rejected[]): Promise<void> {
  try {
    await moveRows(db, rejected)
  } catch (error) {
    if (isObject(error) && error.name === 'ReadOnlyError') {
      setTimeout(() => void moveRows(db, rejected).catch(() => undefined), 0)
    }
  }
}

async function moveRows(db: OutboxDatabase, rejected: Rejected[]): Promise<void> {
  await db.transaction('rw', db.entries, db.quarantine, async () => {
    for (const { key, reason } of rejected) await moveRow(db, key, reason)
  })
}

async function moveRow(db: OutboxDatabase, key: IndexableType, reason: string): Promise<void> {
  const row: unknown = await db.entries.get(key)
  if (row === undefined || entrySchema.safeParse(row).success) return
  const at = new Date().toISOString()
  await db.quarantine.add({ key: keyText(key), reason, raw: rawText(row), at })
  await db.entries.delete(key)
}

function primaryKey(row: unknown): IndexableType {
  const key: unknown = isObject(row) ? row.reference : row
  return isIndexable(key) ? key : String(key)
}

function isIndexable(value: unknown): value is IndexableType {
  if (typeof value === 'string' || typeof value === 'number') return true
  return value instanceof Date || value instanceof ArrayBuffer || ArrayBuffer.isView(value)
}

function keyText(key: IndexableType): string {
  return typeof key === 'string' ? key : JSON.stringify(key)
}

function rawText(row: unknown): string {
  try {
    return JSON.stringify(row) ?? String(row)
  } catch {
    return String(row)
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
