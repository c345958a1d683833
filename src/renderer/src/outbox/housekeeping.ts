import { z } from 'zod'
import type { KioskApi, LedgerRow } from '../../../shared/contract'
import type { KioskError } from '../../../shared/errors'
import type { Outbox } from './outbox'
import { resultSchema } from './schema'

/**
 * The leading courier's chores besides delivery: keeping main's ledger of references in step
 * with the outbox (so that a wiped store is noticed), and the daily retention purge.
 */
export type Housekeeping = {
  /** Tells main the whole outbox; raises a storage error for entries main knows and we lost. */
  reportAll(): Promise<void>
  /** Tells main of entries captured since the last report. */
  reportNew(): Promise<void>
  /** Purges personal data past the retention period, at most once a day. */
  purgeIfDue(): Promise<void>
}

export type HousekeepingOptions = {
  outbox: Outbox
  api: KioskApi
  now: () => number
  onError: (error: KioskError) => void
}

const hourMs = 60 * 60_000
const dayMs = 24 * hourMs

const ledgerReportSchema = z.object({ missing: z.array(z.string()) })
const retentionSchema = z.object({ retentionDays: z.number().nonnegative() })

export function createHousekeeping(options: HousekeepingOptions): Housekeeping {
  const { outbox, api, now, onError } = options
  const reported = new Set<string>()
  // Captures before this time are all reported: a new report reads only the rows from it on.
  let reportedUpTo = ''
  let nextPurgeAt = 0

  const markReported = (entries: { reference: string; capturedAt: string }[]): void => {
    for (const { reference, capturedAt } of entries) {
      reported.add(reference)
      if (capturedAt > reportedUpTo) reportedUpTo = capturedAt
    }
  }

  const reportAll = async (): Promise<void> => {
    const entries = await outbox.list()
    const rows = entries.map(({ reference, state }) => ({ reference, state }))
    const report = await askMain(() => api.reportLedger({ rows, complete: true }))
    const parsed = ledgerReportSchema.safeParse(report)
    if (!parsed.success) return

    markReported(entries)
    const held = new Set(entries.flatMap((entry) => [entry.reference, entry.deliveryKey]))
    const setAside = new Set((await outbox.setAside()).map((row) => row.key))
    const lost = parsed.data.missing.filter((key) => !held.has(key) && !setAside.has(key))
    if (lost.length > 0) onError(lostEntriesError(lost.length))
  }

  const reportNew = async (): Promise<void> => {
    const captured = await outbox.capturedSince(reportedUpTo)
    const entries = captured.filter((entry) => !reported.has(entry.reference))
    const rows: LedgerRow[] = entries.map(({ reference, state }) => ({ reference, state }))
    if (rows.length === 0) return

    const report = await askMain(() => api.reportLedger({ rows, complete: false }))
    if (report !== undefined) markReported(entries)
  }

  const purgeIfDue = async (): Promise<void> => {
    if (now() < nextPurgeAt) return
    const settings = retentionSchema.safeParse(await askMain(() => api.getSettings()))
    if (!settings.success) {
      nextPurgeAt = now() + hourMs
      return
    }
    nextPurgeAt = now() + dayMs
    await outbox.purgeDelivered(settings.data.retentionDays, now())
  }

  return { reportAll, reportNew, purgeIfDue }
}

/** The value of a successful call to main, or undefined when it failed or threw. */
async function askMain(call: () => Promise<unknown>): Promise<unknown> {
  try {
    const result = resultSchema.safeParse(await call())
    return result.success && result.data.ok ? result.data.value : undefined
  } catch {
    return undefined
  }
}

function lostEntriesError(count: number): KioskError {
  return {
    kind: 'storage',
    message: `${count} entries the main process knows of are missing from the outbox`,
  }
}
