import type { LedgerRow } from '../../shared/contract'
import type { DeliveryOutcome, DeliveryRequest } from '../../shared/entry'
import type { KioskError } from '../../shared/errors'
import type { Delivery, DeliveryJournal } from '../delivery'

/**
 * The door to delivery from the renderer: one delivery per entry at a time across every
 * Delivery instance (the LeadCars target can change between calls), none once closing, and a
 * view of which entries wait, for the connectivity monitor.
 */
export type DeliveryGate = {
  deliver(request: DeliveryRequest): Promise<DeliveryOutcome>
  /** The outbox's own view of its entries (from the ledger report). */
  noteRows(rows: LedgerRow[]): void
  hasWaiting(): boolean
  lastDeliveryAt(): string | null
  /** Refuses new deliveries and waits for those in flight. */
  close(): Promise<void>
}

const noTarget: KioskError = { kind: 'config', message: 'No LeadCars URL is configured.' }

export function createDeliveryGate(options: {
  delivery: () => Delivery | null
  journal: DeliveryJournal
  onDelivered: () => void
}): DeliveryGate {
  const inFlight = new Map<string, Promise<DeliveryOutcome>>()
  const waiting = new Set<string>()
  let lastDeliveryAt = lastDeliveryIn(options.journal)
  let closing = false

  const held = (
    request: DeliveryRequest,
    extra: Partial<DeliveryOutcome> = {},
  ): DeliveryOutcome => ({
    reference: request.reference,
    status: 'busy' as const,
    steps: request.steps,
    ambiguousRetries: options.journal.get(request.reference)?.ambiguousRetries ?? 0,
    ...extra,
  })

  const track = (outcome: DeliveryOutcome): void => {
    if (outcome.status === 'busy') return
    if (outcome.status === 'retry' || outcome.status === 'paused') waiting.add(outcome.reference)
    else waiting.delete(outcome.reference)
    if (outcome.status !== 'delivered') return
    lastDeliveryAt = new Date().toISOString()
    options.onDelivered()
  }

  return {
    deliver: async (request) => {
      if (closing || inFlight.has(request.reference)) return held(request)
      const delivery = options.delivery()
      if (!delivery) return held(request, { status: 'paused', error: noTarget })
      const run = delivery.deliver(request)
      inFlight.set(request.reference, run)
      try {
        const outcome = await run
        track(outcome)
        return outcome
      } finally {
        inFlight.delete(request.reference)
      }
    },
    noteRows: (rows) => {
      for (const row of rows) {
        if (row.state === 'pending' || row.state === 'sending') waiting.add(row.reference)
        else waiting.delete(row.reference)
      }
    },
    hasWaiting: () => waiting.size > 0,
    lastDeliveryAt: () => lastDeliveryAt,
    close: async () => {
      closing = true
      await Promise.allSettled(inFlight.values())
    },
  }
}

/** The latest delivery the journal remembers, so that a restart does not forget it. */
function lastDeliveryIn(journal: DeliveryJournal): string | null {
  const times = journal
    .references()
    .map((reference) => journal.get(reference))
    .filter((entry) => entry?.state === 'delivered')
    .map((entry) => entry?.updatedAt ?? '')
  return times.length > 0 ? times.reduce((latest, time) => (time > latest ? time : latest)) : null
}
