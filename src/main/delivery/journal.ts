import { appendFile, mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { EntryState, StepName, StepRecord } from '../../shared/entry'
import type { ErrorKind } from '../../shared/errors'
import {
  applyRecord,
  journalRecord,
  snapshotOf,
  type JournalEntry,
  type JournalRecord,
} from './journal-records'

export type { JournalEntry } from './journal-records'

/**
 * Main's durable record of each entry's delivery, keyed by the entry's reference: which steps
 * LeadCars confirmed (with its ids), which request is in flight, attempts, ambiguous retries
 * and the last state. It is also main's ledger of the references it has seen.
 *
 * Every write is one appended JSON line, flushed to disk (fdatasync) before the promise
 * resolves, so a step marked started or done survives a crash that follows. Opening compacts
 * the file to one line per reference; a line that does not parse is kept aside in
 * `<file>.rejected` and counted, never fatal. It holds no personal data.
 */
export type DeliveryJournal = {
  get(reference: string): JournalEntry | undefined
  references(): string[]
  /** Written before a step's request leaves; stays until the step gets an answer. */
  markStarted(reference: string, step: StepName): Promise<void>
  /** `target` (the LeadCars base URL) is kept only from an entry's first recorded step. */
  recordStep<S extends StepName>(
    reference: string,
    step: S,
    record: NonNullable<StepRecord[S]>,
    target?: string,
  ): Promise<void>
  /** A step's request was answered (or never left) without success. */
  recordFailure(reference: string, step: StepName, kind: ErrorKind): Promise<void>
  /** A step in flight is about to be sent again: counts one ambiguous retry, answers the total. */
  countAmbiguous(reference: string, step: StepName): Promise<number>
  recordState(reference: string, state: EntryState): Promise<void>
  /** Lines set aside as unreadable when the journal was opened. */
  readonly rejectedLines: number
  close(): Promise<void>
}

export type JournalOptions = { now?: () => Date }

export async function openDeliveryJournal(
  filePath: string,
  options: JournalOptions = {},
): Promise<DeliveryJournal> {
  await mkdir(dirname(filePath), { recursive: true })
  const { entries, rejected } = readJournal(await readIfPresent(filePath))
  if (rejected.length > 0) await appendFile(`${filePath}.rejected`, rejected.join('\n') + '\n')
  await compact(filePath, entries)
  const handle = await open(filePath, 'a')
  return journalOver(handle, entries, rejected.length, options.now ?? (() => new Date()))
}

function journalOver(
  handle: FileHandle,
  entries: Map<string, JournalEntry>,
  rejectedLines: number,
  now: () => Date,
): DeliveryJournal {
  let tail: Promise<unknown> = Promise.resolve()

  function append(record: JournalRecord): Promise<void> {
    const written = tail.then(async () => {
      await handle.appendFile(`${JSON.stringify(record)}\n`)
      await handle.datasync()
      entries.set(record.ref, applyRecord(entries.get(record.ref), record))
    })
    tail = written.catch(() => undefined)
    return written
  }

  const base = (ref: string) => ({ v: 1 as const, ref, at: now().toISOString() })

  return {
    get: (reference) => structuredClone(entries.get(reference)),
    references: () => [...entries.keys()],
    markStarted: (ref, step) => append({ ...base(ref), t: 'started', step }),
    recordStep: (ref, step, record, target) =>
      append({ ...base(ref), t: 'done', steps: { [step]: record }, ...(target ? { target } : {}) }),
    recordFailure: (ref, step, kind) => append({ ...base(ref), t: 'failed', step, kind }),
    countAmbiguous: async (ref, step) => {
      await append({ ...base(ref), t: 'ambiguous', step })
      return entries.get(ref)?.ambiguousRetries ?? 0
    },
    recordState: (ref, state) => append({ ...base(ref), t: 'state', state }),
    rejectedLines,
    close: async () => {
      await tail
      await handle.close()
    },
  }
}

function readJournal(text: string): { entries: Map<string, JournalEntry>; rejected: string[] } {
  const entries = new Map<string, JournalEntry>()
  const rejected: string[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    const record = parseLine(line)
    if (record) entries.set(record.ref, applyRecord(entries.get(record.ref), record))
    else rejected.push(line)
  }
  return { entries, rejected }
}

function parseLine(line: string): JournalRecord | null {
  try {
    const parsed = journalRecord.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

async function readIfPresent(filePath: string): Promise<string> {
  try {
    return await readFile(filePath, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ''
    throw error
  }
}

/** Rewrites the journal as one line per entry: temp file, fsync, rename, fsync the folder. */
async function compact(filePath: string, entries: Map<string, JournalEntry>): Promise<void> {
  const temp = `${filePath}.compact`
  const lines = [...entries.values()].map((entry) => `${JSON.stringify(snapshotOf(entry))}\n`)
  const handle = await open(temp, 'w')
  try {
    await handle.writeFile(lines.join(''))
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temp, filePath)
  await syncFolder(dirname(filePath))
}

/** Makes the rename durable where the platform allows opening a folder (not on Windows). */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => null)
  if (!handle) return
  await handle.sync().catch(() => undefined)
  await handle.close()
}
