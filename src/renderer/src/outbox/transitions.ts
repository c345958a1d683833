import { retryDelayMs } from '../../../shared/backoff'
import type { DeliveryOutcome, StepRecord } from '../../../shared/entry'
import type { KioskError } from '../../../shared/errors'
import { authPauseMs, errorHistoryLimit, type OutboxDraft, type OutboxEntry } from './model'

/**
 * Pure state changes of an entry caused by capture and delivery. Each returns a new entry (or
 * null when nothing changes); the outbox writes the result in one short transaction.
 */

export function createEntry(draft: OutboxDraft, now: number): OutboxEntry {
  const reference = draft.reference ?? crypto.randomUUID()
  const at = iso(now)
  return {
    reference,
    deliveryKey: reference,
    state: 'pending',
    visitor: draft.visitor,
    consents: draft.consents,
    routing: draft.routing,
    language: draft.language,
    capturedAt: at,
    updatedAt: at,
    steps: {},
    attempts: 0,
    nextAttemptAt: now,
    lastAttemptAt: null,
    lastError: null,
    errors: [],
    ambiguousRetries: 0,
    deliveredAt: null,
    purgedAt: null,
    history: [{ at, action: 'captured' }],
  }
}

/** pending → sending, the compare-and-set that lets only one attempt hold an entry. */
export function claimed(entry: OutboxEntry, now: number): OutboxEntry | null {
  if (entry.state !== 'pending') return null
  return { ...entry, state: 'sending', lastAttemptAt: iso(now), updatedAt: iso(now) }
}

/**
 * Records what main reported for one attempt. An outcome for another delivery key, or for an
 * entry staff moved on meanwhile (discarded, say), only keeps the steps LeadCars confirmed.
 */
export function withOutcome(
  entry: OutboxEntry,
  outcome: DeliveryOutcome,
  now: number,
  random?: () => number,
): OutboxEntry {
  if (outcome.reference !== entry.deliveryKey) return entry
  const steps = mergeSteps(entry.steps, outcome.steps)
  const base = { ...entry, steps, ambiguousRetries: outcome.ambiguousRetries, updatedAt: iso(now) }
  if (entry.state !== 'sending' && entry.state !== 'pending') return { ...entry, steps }

  switch (outcome.status) {
    case 'delivered':
      return {
        ...base,
        state: 'delivered',
        attempts: entry.attempts + 1,
        lastError: null,
        deliveredAt: iso(now),
      }
    case 'retry':
      return withRetry(base, outcome.error ?? unexplained, now, random)
    case 'needs_attention': {
      const error = outcome.error ?? unexplained
      const failed = withError(base, error, now)
      return { ...failed, state: 'needs_attention', attempts: entry.attempts + 1 }
    }
    case 'paused': {
      const failed = withError(base, outcome.error ?? unexplained, now)
      return { ...failed, state: 'pending', nextAttemptAt: now + authPauseMs }
    }
    case 'busy':
      return { ...base, state: 'pending' }
  }
}

/** A step once confirmed is final: a later report can add steps, never drop or replace one. */
export function mergeSteps(kept: StepRecord, reported: StepRecord): StepRecord {
  return { ...reported, ...kept }
}

function withRetry(
  entry: OutboxEntry,
  error: KioskError,
  now: number,
  random?: () => number,
): OutboxEntry {
  const attempts = entry.attempts + 1
  const delay = retryDelayMs(attempts, error.retryAfterMs, random)
  const failed = withError(entry, error, now)
  return { ...failed, state: 'pending', attempts, nextAttemptAt: now + delay }
}

function withError(entry: OutboxEntry, error: KioskError, now: number): OutboxEntry {
  const record = { at: iso(now), kind: error.kind, message: error.message }
  const withStatus = error.status === undefined ? record : { ...record, status: error.status }
  const errors = [...entry.errors, withStatus].slice(-errorHistoryLimit)
  return { ...entry, lastError: error, errors }
}

const unexplained: KioskError = {
  kind: 'transient',
  message: 'Delivery failed with no reason given',
}

export function iso(now: number): string {
  return new Date(now).toISOString()
}
