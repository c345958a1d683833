import type { Fault } from '../../../src/main/simulator'
import type { OutboxEntry } from '../../../src/renderer/src/outbox'
import { retryDelayMs } from '../../../src/shared/backoff'

/**
 * The rows of DESIGN.md's failure table that end in a retry: the fault on POST /leads, what the
 * entry must show after one attempt, and what LeadCars must hold once it is delivered. An answer
 * that does not prove the lead was refused (5xx, a web page) counts its resend as ambiguous.
 */

/** How long after the attempt the entry is due again. */
export const waitOf = (entry: OutboxEntry): number =>
  entry.nextAttemptAt - Date.parse(entry.updatedAt)

/** The courier's own backoff for a first failure with the jitter pinned at 0.5. */
const firstBackoff = retryDelayMs(1, undefined, () => 0.5)

export type RetryRow = {
  name: string
  fault: Fault | 'refused'
  kind: 'transient' | 'ambiguous'
  status?: number
  /** Bounds of the wait before the next attempt, in ms. */
  wait: [number, number]
  /** Leads at LeadCars after the failed attempt, and once delivered. */
  leads: [number, number]
  /** POST /leads requests that reached LeadCars by the end. */
  posts: number
  ambiguousRetries: number
}

export const status = (code: number, retryAfter?: string): Fault =>
  retryAfter === undefined
    ? { type: 'status', status: code }
    : { type: 'status', status: code, retryAfter }

export const retryRows: RetryRow[] = [
  row('connection refused', 'refused', 'transient', { posts: 1 }),
  row('reset before the response', { type: 'reset' }, 'ambiguous', { ambiguousRetries: 1 }),
  row('dropped after LeadCars stored the lead', { type: 'drop-after-store' }, 'ambiguous', {
    leads: [1, 2],
    ambiguousRetries: 1,
  }),
  row('429 with Retry-After: 120', status(429, '120'), 'transient', {
    status: 429,
    wait: [120_000, 120_000],
  }),
  row('502', status(502), 'transient', { status: 502, ambiguousRetries: 1 }),
  row('503 with Retry-After as an HTTP date', status(503, 'date+90s'), 'transient', {
    status: 503,
    wait: [85_000, 90_000],
    ambiguousRetries: 1,
  }),
  row('504', status(504), 'transient', { status: 504, ambiguousRetries: 1 }),
  row('500', status(500), 'transient', { status: 500, ambiguousRetries: 1 }),
  row('a captive portal answering HTML', { type: 'html' }, 'transient', { ambiguousRetries: 1 }),
]

function row(
  name: string,
  fault: Fault | 'refused',
  kind: RetryRow['kind'],
  extra: Partial<RetryRow> = {},
): RetryRow {
  const defaults = { wait: [firstBackoff, firstBackoff], leads: [0, 1], posts: 2 } as const
  return { name, fault, kind, ambiguousRetries: 0, ...defaults, ...extra } as RetryRow
}

/** A Retry-After date is written just before the flush, 90 s ahead. */
export function scripted(fault: Fault): Fault {
  if (fault.type !== 'status' || fault.retryAfter !== 'date+90s') return fault
  return { ...fault, retryAfter: new Date(Date.now() + 90_000).toUTCString() }
}
