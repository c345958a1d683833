import type { LedgerReport, LedgerRow } from '../../shared/contract'
import type { EntryState } from '../../shared/entry'
import type { DeliveryJournal } from '../delivery/journal'
import type { Logger } from '../log'

/**
 * Main's ledger of outbox entries, kept in the delivery journal: references and states only.
 * The renderer reports its rows; a reference the journal has never seen is recorded. With a
 * complete listing, the ledger answers which references it knows that the outbox has lost
 * while they still mattered: an entry LeadCars already has, or that staff discarded, is not a
 * lost visitor even when a wiped outbox no longer shows its receipt.
 */
export type Ledger = {
  report(report: { rows: LedgerRow[]; complete: boolean }): Promise<LedgerReport>
}

/** A confirmed resend is delivered under `<reference>-r<n>`; it belongs to the same entry. */
const resendSuffix = /-r\d+$/

export function createLedger(journal: DeliveryJournal, log: Logger): Ledger {
  return {
    report: async ({ rows, complete }) => {
      await recordNews(journal, rows)
      if (!complete) return { missing: [] }
      const missing = findMissing(journal, rows)
      if (missing.length > 0) log.warn('outbox entries missing', { count: missing.length, missing })
      return { missing }
    },
  }
}

const settled: ReadonlySet<EntryState | null> = new Set(['delivered', 'discarded'])

/** New references, and discards (only staff discard, in the outbox), are written down. */
async function recordNews(journal: DeliveryJournal, rows: LedgerRow[]): Promise<void> {
  for (const row of rows) {
    const known = journal.get(row.reference)
    const discarded = row.state === 'discarded' && known?.state !== 'discarded'
    if (known === undefined || discarded) await journal.recordState(row.reference, row.state)
  }
}

function findMissing(journal: DeliveryJournal, rows: LedgerRow[]): string[] {
  const held = new Set(rows.map((row) => row.reference))
  const missing = journal
    .references()
    .filter((reference) => !settled.has(journal.get(reference)?.state ?? null))
    .map((reference) => reference.replace(resendSuffix, ''))
    .filter((reference) => !held.has(reference))
  return [...new Set(missing)].sort()
}
