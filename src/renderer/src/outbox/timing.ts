import { backoffCapMs } from '../../../shared/backoff'

/** Shortest timer sleep, so an entry main reports busy is not asked about in a tight loop. */
export const minTimerMs = 500

/** How long the courier sleeps before its next look: until `dueAt`, within the backoff cap. */
export function timerDelayMs(dueAt: number | null, now: number): number {
  if (dueAt === null) return backoffCapMs
  return Math.min(backoffCapMs, Math.max(minTimerMs, dueAt - now))
}

/** The number of lanes for a pass: the setting, kept between 1 and 16 (4 when unreadable). */
export function parallelism(parallel: () => number): number {
  const wanted = Math.floor(parallel())
  return Number.isFinite(wanted) ? Math.min(Math.max(wanted, 1), 16) : 4
}

export function defaultSchedule(run: () => void, delayMs: number): () => void {
  const handle = setTimeout(run, delayMs)
  return () => clearTimeout(handle)
}
