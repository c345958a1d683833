import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  applyRecord,
  journalRecord,
  type JournalEntry,
  type JournalRecord,
} from '../../src/main/delivery/journal-records'

/**
 * The delivery journal a host left in its data dir, read from outside the host (tests only):
 * the records in the order they were written, unreadable lines skipped. Reading never writes,
 * so it is safe while a host runs or after it was killed.
 */
export async function readJournalRecords(dataDir: string): Promise<JournalRecord[]> {
  const text = await readFile(join(dataDir, 'delivery-journal.jsonl'), 'utf8').catch(() => '')
  return text.split('\n').flatMap((line) => {
    const record = journalRecord.safeParse(parseJson(line))
    return record.success ? [record.data] : []
  })
}

/** One entry as the journal on disk knows it, or undefined when it has no record of it. */
export async function readJournalEntry(
  dataDir: string,
  reference: string,
): Promise<JournalEntry | undefined> {
  const records = await readJournalRecords(dataDir)
  return records
    .filter((record) => record.ref === reference)
    .reduce<JournalEntry | undefined>((entry, record) => applyRecord(entry, record), undefined)
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line)
  } catch {
    return null
  }
}
