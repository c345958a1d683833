import { backoffCapMs } from '../../../shared/backoff'
import type { KioskApi } from '../../../shared/contract'
import type { KioskError } from '../../../shared/errors'
import type { AttemptContext } from './attempt'
import { createHousekeeping } from './housekeeping'
import { seekLeadership, type Leadership } from './leadership'
import type { Outbox } from './outbox'
import { asKioskError, deliverDue } from './pass'
import { wakeEventSchema } from './schema'
import { defaultSchedule, parallelism, timerDelayMs } from './timing'

/**
 * The courier takes due entries from the outbox and asks main to deliver them. One courier
 * delivers across all windows (a Web Lock); inside it, one flush runs at a time (a wake during
 * a flush asks for one more pass instead), with at most `parallel()` entries in flight. After
 * each flush a timer sleeps until the next entry is due, never longer than the backoff cap, so
 * delivery resumes without any online event.
 */
export type Courier = {
  start(): void
  /** Asks for a flush: `captured`, `connectivity`, `token` (lifts an auth pause), ... */
  wake(reason: string): void
  /** Staff action: every pending entry becomes due now, then a flush; resolves after it. */
  sendNow(): Promise<void>
  /** Stops taking entries, waits for the deliveries in flight, and releases the lock. */
  stop(): Promise<void>
  readonly running: boolean
  /** Whether this window holds the lock and delivers. */
  readonly leading: boolean
}

export type CourierOptions = {
  outbox: Outbox
  api: KioskApi
  parallel: () => number
  now?: () => number
  random?: () => number
  lockName?: string
  /** Storage failures, lost entries, and the auth pause: what staff should be told about. */
  onError?: (error: KioskError) => void
  /** Timer seam; returns a cancel function. Defaults to setTimeout. */
  schedule?: (run: () => void, delayMs: number) => () => void
}

export function createCourier(options: CourierOptions): Courier {
  const now = options.now ?? Date.now
  const onError = options.onError ?? ((): void => undefined)
  const schedule = options.schedule ?? defaultSchedule
  const { outbox, api } = options
  const attempt: AttemptContext = { outbox, api, now, random: options.random ?? Math.random }
  const housekeeping = createHousekeeping({ outbox, api, now, onError })

  let running = false
  let stopping = false
  let leadership: Leadership | null = null
  let unsubscribe: (() => void) | null = null
  let flushing: Promise<void> | null = null
  let again = false
  let cancelTimer: (() => void) | null = null
  let pausedUntil: number | null = null
  let leadWork: Promise<void> | null = null

  const leading = (): boolean => running && !stopping && leadership?.leading === true
  const paused = (): boolean => pausedUntil !== null && now() < pausedUntil

  async function guarded(work: () => Promise<unknown>): Promise<void> {
    try {
      await work()
    } catch (error) {
      onError(asKioskError(error))
    }
  }

  function lead(): void {
    leadWork = guarded(async () => {
      await outbox.recoverInterrupted(now())
      await housekeeping.reportAll()
      await housekeeping.purgeIfDue()
    }).then(flush)
  }

  function wake(reason: string): void {
    if (!running || stopping) return
    if (reason === 'token' || reason === 'send-now') pausedUntil = null
    if (!leading()) return leadership?.forward(reason)
    if (reason === 'captured') void guarded(housekeeping.reportNew)
    // A new token also frees the entries that met the refused one and were parked for a while.
    if (reason === 'token') return void guarded(() => outbox.makeDueNow(now())).then(flush)
    void flush()
  }

  function onMainEvent(event: unknown): void {
    const parsed = wakeEventSchema.safeParse(event)
    if (!parsed.success || !leading()) return
    if (parsed.data.type === 'wake') wake(parsed.data.reason)
    else if (parsed.data.connectivity.reachable) wake('connectivity')
  }

  function flush(): Promise<void> {
    if (!leading()) return Promise.resolve()
    if (flushing) {
      again = true
      return flushing
    }
    cancelTimer?.()
    cancelTimer = null
    flushing = runPasses().finally(() => {
      flushing = null
      void armTimer()
    })
    return flushing
  }

  async function runPasses(): Promise<void> {
    await guarded(() => outbox.recoverInterrupted(now()))
    do {
      again = false
      await pass()
    } while (again && !stopping)
    await guarded(housekeeping.purgeIfDue)
  }

  async function pass(): Promise<void> {
    if (paused()) return
    pausedUntil = null
    await deliverDue({
      attempt,
      width: parallelism(options.parallel),
      halted: () => stopping || paused(),
      onOutcome: (outcome) => {
        if (outcome.status === 'paused') pause(outcome.error)
      },
      onError,
    })
  }

  function pause(error: KioskError | undefined): void {
    pausedUntil = now() + backoffCapMs
    onError(error ?? { kind: 'auth', message: 'LeadCars refused the token; delivery is paused' })
  }

  async function armTimer(): Promise<void> {
    let dueAt: number | null = null
    try {
      dueAt = pausedUntil ?? (await outbox.nextDueAt())
    } catch (error) {
      onError(asKioskError(error))
    }
    if (!leading() || flushing) return
    cancelTimer?.()
    cancelTimer = schedule(
      () => {
        cancelTimer = null
        void flush()
      },
      timerDelayMs(dueAt, now()),
    )
  }

  async function sendNow(): Promise<void> {
    if (!running || stopping) return
    pausedUntil = null
    await guarded(() => outbox.makeDueNow(now()))
    if (leading()) return await flush()
    leadership?.forward('send-now')
  }

  function start(): void {
    if (running) return
    running = true
    stopping = false
    unsubscribe = api.onEvent(onMainEvent)
    leadership = seekLeadership({
      lockName: options.lockName ?? 'showroom-kiosk-courier',
      onLead: lead,
      onForwarded: wake,
    })
  }

  async function stop(): Promise<void> {
    if (!running || stopping) return
    stopping = true
    unsubscribe?.()
    cancelTimer?.()
    await leadWork
    await flushing
    cancelTimer?.()
    await leadership?.release()
    leadership = null
    running = false
    stopping = false
  }

  return {
    start,
    wake,
    sendNow,
    stop,
    get running() {
      return running && !stopping
    },
    get leading() {
      return leading()
    },
  }
}
