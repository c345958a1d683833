import type { LedgerReport, LedgerRow } from '../../shared/contract'
import type { DeliveryJournal } from '../delivery/journal'
import type { Logger } from '../log'

/**
 * Main's ledger of outbox entries, kept in the delivery journal: references and states only.
 * The renderer reports its rows; a reference the journal has never seen is recorded. With a
 * complete listing, the ledger answers which references it knows that the outbox has lost.
 */
export type Ledger = {
  report(report: { rows: LedgerRow[]; complete: boolean }): Promise<LedgerReport>
}

/** A confirmed resend is delivered under `<reference>-r<n>`; it belongs to the same entry. */
const resendSuffix = /-r\d+$/

export function createLedger(journal: DeliveryJournal, log: Logger): Ledger {
  return {
    report: async ({ rows, complete }) => {
      await recordUnknown(journal, rows)
      if (!complete) return { missing: [] }
      const missing = findMissing(journal.references(), rows)
      if (missing.length > 0) log.warn('outbox entries missing', { count: missing.length, missing })
      return { missing }
    },
  }
}

async function recordUnknown(journal: DeliveryJournal, rows: LedgerRow[]): Promise<void> {
  for (const row of rows) {
    if (journal.get(row.reference) === undefined)
      await journal.recordState(row.reference, row.state)
  }
}

function findMissing(known: string[], rows: LedgerRow[]): string[] {
  const held = new Set(rows.map((row) => row.reference))
  const missing = known
    .map((reference) => reference.replace(resendSuffix, ''))
    .filter((reference) => !held.has(reference))
  return [...new Set(missing)].sort()
}
