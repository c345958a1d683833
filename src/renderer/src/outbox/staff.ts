import type { Visitor } from '../../../shared/entry'
import { OutboxStateError } from './errors'
import type { HistoryAction, OutboxEntry } from './model'
import { iso } from './transitions'

/**
 * Pure state changes that staff ask for, and the retention purge. Each one is recorded in the
 * entry's history; an action that does not fit the entry's state throws OutboxStateError.
 */

const dayMs = 24 * 60 * 60_000

/** needs_attention (or a pending entry waiting out its backoff) → pending, due now. */
export function retried(entry: OutboxEntry, now: number): OutboxEntry {
  expectState(entry, ['needs_attention', 'pending'], 'retry')
  return recorded({ ...entry, state: 'pending', nextAttemptAt: now }, 'retried', now)
}

/**
 * needs_attention → pending, due now, with the data staff corrected. Once the lead exists at
 * LeadCars a correction here would never reach it, so the edit is refused: staff correct the
 * lead in LeadCars and retry.
 */
export function edited(entry: OutboxEntry, visitor: Visitor, now: number): OutboxEntry {
  expectState(entry, ['needs_attention'], 'edit')
  if (entry.steps.lead) {
    throw new OutboxStateError(`Entry ${entry.reference} already has its lead; it cannot be edited`)
  }
  const note = `changed: ${changedFields(entry.visitor, visitor).join(', ') || 'nothing'}`
  const next: OutboxEntry = { ...entry, visitor, state: 'pending', nextAttemptAt: now }
  return recorded(next, 'edited', now, note)
}

/** Any state but delivered → discarded, with the reason staff gave. Discarding twice is a no-op. */
export function discarded(entry: OutboxEntry, reason: string, now: number): OutboxEntry | null {
  if (entry.state === 'discarded') return null
  expectState(entry, ['pending', 'sending', 'needs_attention'], 'discard')
  return recorded({ ...entry, state: 'discarded' }, 'discarded', now, reason)
}

/**
 * delivered → pending under a new delivery key, with no steps done: LeadCars will get a second
 * lead, which is why only a confirmed staff action calls this.
 */
export function resent(entry: OutboxEntry, now: number): OutboxEntry {
  expectState(entry, ['delivered'], 'resend')
  if (entry.visitor === null) {
    throw new OutboxStateError(`Entry ${entry.reference} was purged and cannot be resent`)
  }
  const count = entry.history.filter((record) => record.action === 'resent').length + 1
  const deliveryKey = `${entry.reference}-r${count}`
  const previousLead = entry.steps.lead?.leadId ?? 'without id'
  const next: OutboxEntry = {
    ...entry,
    deliveryKey,
    state: 'pending',
    steps: {},
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    ambiguousRetries: 0,
    deliveredAt: null,
  }
  return recorded(next, 'resent', now, `delivery key ${deliveryKey}; previous lead ${previousLead}`)
}

/**
 * Strips the personal data of a delivered (or discarded) entry older than the retention period;
 * the receipt (reference, consents evidence, steps, dates) stays. Waiting entries are never
 * touched.
 */
export function purged(entry: OutboxEntry, retentionDays: number, now: number): OutboxEntry | null {
  if (entry.visitor === null) return null
  const finishedAt = finishedTime(entry)
  if (finishedAt === null || finishedAt > now - retentionDays * dayMs) return null
  return recorded({ ...entry, visitor: null, purgedAt: iso(now) }, 'purged', now)
}

function finishedTime(entry: OutboxEntry): number | null {
  if (entry.state === 'delivered' && entry.deliveredAt !== null)
    return Date.parse(entry.deliveredAt)
  if (entry.state !== 'discarded') return null
  const discard = entry.history.findLast((record) => record.action === 'discarded')
  return Date.parse(discard?.at ?? entry.updatedAt)
}

function recorded(
  entry: OutboxEntry,
  action: HistoryAction,
  now: number,
  note?: string,
): OutboxEntry {
  const record = note === undefined ? { at: iso(now), action } : { at: iso(now), action, note }
  return { ...entry, updatedAt: iso(now), history: [...entry.history, record] }
}

function expectState(entry: OutboxEntry, allowed: OutboxEntry['state'][], action: string): void {
  if (allowed.includes(entry.state)) return
  throw new OutboxStateError(`Cannot ${action} entry ${entry.reference}: it is ${entry.state}`)
}

/** Names of the fields staff changed; never their values, which are personal data. */
function changedFields(before: Visitor | null, after: Visitor): string[] {
  const keys: (keyof Visitor)[] = [
    'firstName',
    'lastName',
    'email',
    'phone',
    'postcode',
    'interest',
    'comment',
  ]
  return keys.filter((key) => before?.[key] !== after[key])
}
