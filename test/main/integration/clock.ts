/**
 * Time for the courier under test. The outbox stamps captures and staff actions with the real
 * clock, so every courier clock here runs at or ahead of real time: what the real clock makes
 * due is due for the courier too.
 */

export type Schedule = (run: () => void, delayMs: number) => () => void

/** A clock that follows real time and jumps forward when told: `advance` moves time on. */
export type SteppedClock = {
  now(): number
  advance(ms: number): void
}

export function steppedClock(lead = 60_000): SteppedClock {
  let offset = lead
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms
    },
  }
}

export type Timer = { dueAt: number; delayMs: number }

/** The courier's timer seam, held by the test: timers run only when the test says so. */
export type HeldTimers = {
  schedule: Schedule
  /** Timers armed and not yet run or cancelled. */
  armed(): Timer[]
  /** Runs every armed timer due at the clock's time; answers how many ran. */
  runDue(): number
}

export function heldTimers(clock: SteppedClock): HeldTimers {
  const timers = new Map<number, Timer & { run: () => void }>()
  let next = 0
  return {
    schedule: (run, delayMs) => {
      const id = (next += 1)
      timers.set(id, { run, delayMs, dueAt: clock.now() + delayMs })
      return () => void timers.delete(id)
    },
    armed: () => [...timers.values()].map(({ dueAt, delayMs }) => ({ dueAt, delayMs })),
    runDue: () => {
      const due = [...timers].filter(([, timer]) => timer.dueAt <= clock.now())
      for (const [id, timer] of due) {
        timers.delete(id)
        timer.run()
      }
      return due.length
    },
  }
}

/** Time running `factor` times faster than real time from now on, and timers to match. */
export type ScaledClock = { now(): number; schedule: Schedule; readonly factor: number }

export function scaledClock(factor: number): ScaledClock {
  const start = Date.now()
  return {
    factor,
    now: () => start + (Date.now() - start) * factor,
    schedule: (run, delayMs) => {
      const handle = setTimeout(run, delayMs / factor)
      return () => clearTimeout(handle)
    },
  }
}
