/**
 * Delivery retry policy: exponential backoff with equal jitter (half fixed, half random),
 * capped, never giving up.
 */

export const backoffBaseMs = 5_000
export const backoffCapMs = 5 * 60_000

/**
 * Milliseconds to wait before attempt number `attempts + 1`, given `attempts` failures so far.
 * `random` is injectable so that tests can pin the jitter. A `Retry-After` from LeadCars wins
 * when it asks for longer, and is itself capped so that one bad header cannot park an entry.
 */
export function retryDelayMs(
  attempts: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 16))
  const ceiling = Math.min(backoffCapMs, backoffBaseMs * 2 ** exponent)
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2)
  if (retryAfterMs === undefined) return jittered
  return Math.min(backoffCapMs, Math.max(jittered, retryAfterMs))
}
