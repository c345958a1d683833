import type { KioskError } from '../../shared/errors'
import type { JournalEntry } from './journal-records'

/**
 * The LeadCars a delivery's ids belong to, as one comparable string: scheme and host in lower
 * case, the path without trailing slashes, no query or fragment.
 */
export function normaliseTarget(baseUrl: string): string {
  try {
    const url = new URL(baseUrl)
    const path = url.pathname.replace(/\/+$/, '')
    return `${url.protocol}//${url.host}${path}`.toLowerCase()
  } catch {
    return baseUrl.trim().replace(/\/+$/, '').toLowerCase()
  }
}

/**
 * Why an entry must not go on at `current`: its journal says its finished steps (and their
 * LeadCars ids) belong to another LeadCars. Entries journalled before targets were recorded
 * belong to the current one.
 */
export function foreignTarget(
  entry: JournalEntry | undefined,
  current: string | undefined,
): KioskError | null {
  if (!entry?.target || current === undefined || entry.target === current) return null
  const message =
    `This entry was partly delivered to another LeadCars (${hostOf(entry.target)}); ` +
    'check it there before resending'
  return { kind: 'config', message }
}

function hostOf(target: string): string {
  try {
    return new URL(target).host
  } catch {
    return target
  }
}
