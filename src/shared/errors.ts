/**
 * The closed set of failure kinds shared by main and renderer. Every failure that crosses a
 * process boundary is one of these, so that both sides decide the same way what happens next.
 *
 * - `transient`: the request did not reach LeadCars or LeadCars asked us to come back later
 *   (no network, refused, TLS, captive portal, 429, 5xx). Retry with backoff.
 * - `ambiguous`: the request left the machine and the answer never came (timeout, reset).
 *   Retry, and count it: this is the only way a duplicate lead can appear.
 * - `auth`: the token was refused (401/403). All delivery pauses until a token tests well.
 * - `rejected`: LeadCars refused the content (400/422, 404 on a later step). Staff must act.
 * - `malformed`: a 2xx whose body could not be read. Transient a few times, then rejected.
 * - `config`: the kiosk is not configured well enough to deliver (no dealer, no lead type).
 * - `invalid_input`: a payload across the IPC boundary did not parse.
 * - `storage`: the local store refused a write (quota, disk error).
 */
export const errorKinds = [
  'transient',
  'ambiguous',
  'auth',
  'rejected',
  'malformed',
  'config',
  'invalid_input',
  'storage',
] as const

export type ErrorKind = (typeof errorKinds)[number]

export type KioskError = {
  kind: ErrorKind
  /** A readable message for staff. Never contains personal data or secrets. */
  message: string
  /** HTTP status when the failure came from a response. */
  status?: number
  /** How long LeadCars asked us to wait (`Retry-After`), in milliseconds. */
  retryAfterMs?: number
  /** A short excerpt of a raw response body for support, with personal data removed. */
  excerpt?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: KioskError }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T = never>(
  kind: ErrorKind,
  message: string,
  extra: Partial<KioskError> = {},
): Result<T> {
  return { ok: false, error: { ...extra, kind, message } }
}
