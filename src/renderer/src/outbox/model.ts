import type { ConsentRecord, EntryState, Routing, StepRecord, Visitor } from '../../../shared/entry'
import type { ErrorKind, KioskError } from '../../../shared/errors'

/**
 * One entry as the outbox stores it: what the visitor typed and agreed to, where the lead goes,
 * and the full record of its delivery. `reference` never changes; `deliveryKey` is what travels
 * to LeadCars and changes only when staff deliberately resend a delivered entry.
 */
export type OutboxEntry = {
  reference: string
  deliveryKey: string
  state: EntryState
  /** Null once the retention period purged the personal data of a finished entry. */
  visitor: Visitor | null
  consents: ConsentRecord[]
  routing: Routing
  language: string
  capturedAt: string
  updatedAt: string
  steps: StepRecord
  attempts: number
  /** Epoch milliseconds; a pending entry is due when this is at or before now. */
  nextAttemptAt: number
  lastAttemptAt: string | null
  lastError: KioskError | null
  /** The most recent failures, oldest first, at most `errorHistoryLimit`. */
  errors: ErrorRecord[]
  ambiguousRetries: number
  deliveredAt: string | null
  purgedAt: string | null
  history: HistoryRecord[]
}

export type ErrorRecord = { at: string; kind: ErrorKind; message: string; status?: number }

export const historyActions = [
  'captured',
  'discarded',
  'resent',
  'retried',
  'edited',
  'purged',
] as const
export type HistoryAction = (typeof historyActions)[number]

export type HistoryRecord = { at: string; action: HistoryAction; note?: string }

/** What the kiosk screens hand to the outbox when the visitor presses Send. */
export type OutboxDraft = {
  visitor: Visitor
  consents: ConsentRecord[]
  routing: Routing
  language: string
  /**
   * The form's own reference, made once per visit. A second `add` with the same reference (a
   * double tap) stores nothing new and returns the entry already stored.
   */
  reference?: string
}

/** A stored row that did not parse, set aside rather than dropped. */
export type SetAsideRow = { key: string; reason: string; raw: string; at: string }

export const errorHistoryLimit = 50

/** How long delivery holds off after LeadCars refused the token, before the entry is due again. */
export const authPauseMs = 30_000
