import { retryDelayMs } from '../shared/backoff'
import type { Connectivity } from '../shared/contract'

export type Timers = {
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export type ConnectivityMonitorOptions = {
  /** Whether the LeadCars host answers now (see probeApiHost). */
  probe: () => Promise<boolean>
  /** Probing is only worth it while entries wait to be delivered. */
  hasWaitingEntries: () => boolean
  /** Milliseconds before probe number `attempt` (1, 2, ...) while unreachable. */
  schedule?: (attempt: number) => number
  /** Called only when reachability changes. */
  onChange: (connectivity: Connectivity) => void
  timers?: Timers
  now?: () => Date
}

export type ConnectivityMonitor = {
  current(): Connectivity
  /** A delivery got an answer (true) or could not reach LeadCars (false). */
  report(reachable: boolean): void
  /** The OS reported a network change: probe at once if entries wait. */
  networkChanged(): void
  stop(): void
}

const systemTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Judges whether the LeadCars host is reachable, from delivery results and from probes. Once
 * it is unreachable and entries wait, it probes on the backoff schedule until the host answers,
 * so that delivery resumes without waiting for an OS "online" event that may never come.
 */
export function createConnectivityMonitor(
  options: ConnectivityMonitorOptions,
): ConnectivityMonitor {
  const timers = options.timers ?? systemTimers
  const schedule = options.schedule ?? ((attempt: number) => retryDelayMs(attempt))
  const now = options.now ?? (() => new Date())
  let state: Connectivity = { reachable: true, checkedAt: null }
  let attempt = 0
  let timer: unknown = null
  let probing = false
  let stopped = false

  function update(reachable: boolean): void {
    const changed = reachable !== state.reachable
    state = { reachable, checkedAt: now().toISOString() }
    if (changed) options.onChange({ ...state })
    if (reachable) cancel()
    else scheduleProbe()
  }

  function scheduleProbe(): void {
    if (stopped || probing || timer !== null) return
    attempt += 1
    timer = timers.setTimeout(tick, schedule(attempt))
  }

  function tick(): void {
    timer = null
    if (options.hasWaitingEntries()) void probeNow()
    else attempt = 0
  }

  async function probeNow(): Promise<void> {
    if (stopped || probing) return
    probing = true
    const reachable = await options.probe().catch(() => false)
    probing = false
    if (!stopped) update(reachable)
  }

  function cancel(): void {
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
    attempt = 0
  }

  return {
    current: () => ({ ...state }),
    report: (reachable) => {
      if (!stopped) update(reachable)
    },
    networkChanged: () => {
      if (stopped || !options.hasWaitingEntries()) return
      cancel()
      void probeNow()
    },
    stop: () => {
      stopped = true
      cancel()
    },
  }
}

/** Any HTTP answer from the API's base URL means the host is reachable; no token is sent. */
export async function probeApiHost(
  baseUrl: string,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<boolean> {
  const fetchImpl = options.fetch ?? fetch
  try {
    const signal = AbortSignal.timeout(options.timeoutMs ?? 5_000)
    const response = await fetchImpl(baseUrl, { method: 'HEAD', redirect: 'manual', signal })
    await response.body?.cancel()
    return true
  } catch {
    return false
  }
}
