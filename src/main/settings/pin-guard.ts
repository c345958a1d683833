/**
 * Slows down guessing of the staff PIN on a public touchscreen: after a few wrong PINs in a row,
 * every check is refused for a while, longer each time. A right PIN clears the count.
 */
export type PinGuard = {
  /** Milliseconds until PIN checks are allowed again; 0 when they are. */
  lockedForMs(): number
  record(success: boolean): void
}

export function createPinGuard(
  options: {
    freeFailures?: number
    baseLockMs?: number
    maxLockMs?: number
    now?: () => number
  } = {},
): PinGuard {
  const freeFailures = options.freeFailures ?? 5
  const baseLockMs = options.baseLockMs ?? 30_000
  const maxLockMs = options.maxLockMs ?? 15 * 60_000
  const now = options.now ?? Date.now
  let failures = 0
  let lockedUntil = 0

  return {
    lockedForMs: () => Math.max(0, lockedUntil - now()),
    record: (success) => {
      if (success) {
        failures = 0
        lockedUntil = 0
        return
      }
      failures += 1
      if (failures < freeFailures) return
      const lockMs = Math.min(maxLockMs, baseLockMs * 2 ** (failures - freeFailures))
      lockedUntil = now() + lockMs
    },
  }
}
