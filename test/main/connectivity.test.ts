import { describe, expect, it } from 'vitest'
import { backoffCapMs } from '../../src/shared/backoff'
import type { Connectivity } from '../../src/shared/contract'
import {
  createConnectivityMonitor,
  probeApiHost,
  type ConnectivityMonitorOptions,
  type Timers,
} from '../../src/main/connectivity'
import { startSimulator } from '../../src/main/simulator'
import { startRecorder } from './leadcars/fixtures'

/** Timers on a clock that moves only when the test says so. */
function manualClock() {
  let now = 0
  let nextId = 1
  const pending = new Map<number, { at: number; run: () => void }>()
  const requested: number[] = []
  const timers: Timers = {
    setTimeout: (run, ms) => {
      requested.push(ms)
      pending.set(nextId, { at: now + ms, run })
      return nextId++
    },
    clearTimeout: (handle) => pending.delete(handle as number),
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve))
  return {
    timers,
    requested,
    now: () => now,
    pending: () => pending.size,
    settle,
    async advance(ms: number) {
      const target = now + ms
      for (;;) {
        const due = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0]
        if (!due || due[1].at > target) break
        pending.delete(due[0])
        now = due[1].at
        due[1].run()
        await settle()
      }
      now = target
    },
  }
}

function monitorWith(
  clock: ReturnType<typeof manualClock>,
  options: Partial<ConnectivityMonitorOptions> & { answers?: boolean[] } = {},
) {
  const { answers = [], ...overrides } = options
  const changes: Connectivity[] = []
  let probes = 0
  let waiting = true
  const monitor = createConnectivityMonitor({
    probe: async () => {
      probes += 1
      return answers.shift() ?? false
    },
    hasWaitingEntries: () => waiting,
    schedule: (attempt) => attempt * 1_000,
    onChange: (connectivity) => changes.push(connectivity),
    timers: clock.timers,
    now: () => new Date(clock.now()),
    ...overrides,
  })
  return {
    monitor,
    changes,
    probes: () => probes,
    setWaiting: (value: boolean) => (waiting = value),
  }
}

describe('connectivity monitor', () => {
  it('probes on the backoff schedule while unreachable, until the host answers', async () => {
    const clock = manualClock()
    const { monitor, changes, probes } = monitorWith(clock, { answers: [false, false, true] })

    monitor.report(false)
    await clock.advance(10_000)

    expect(clock.requested).toEqual([1_000, 2_000, 3_000])
    expect(probes()).toBe(3)
    expect(changes.map((c) => c.reachable)).toEqual([false, true])
    expect(changes[1]?.checkedAt).toBe(new Date(6_000).toISOString())
    expect(clock.pending()).toBe(0)
  })

  it('probes only while entries wait', async () => {
    const clock = manualClock()
    const { monitor, probes, setWaiting } = monitorWith(clock)
    setWaiting(false)

    monitor.report(false)
    await clock.advance(60_000)
    monitor.networkChanged()
    await clock.settle()

    expect(probes()).toBe(0)
    expect(clock.pending()).toBe(0)
    setWaiting(true)
    monitor.report(false)
    await clock.advance(1_000)
    expect(probes()).toBe(1)
  })

  it('probes at once when the OS reports a network change, restarting the schedule', async () => {
    const clock = manualClock()
    const { monitor, probes, changes } = monitorWith(clock, { answers: [false, false, true] })
    monitor.report(false)
    await clock.advance(3_000)
    expect(probes()).toBe(2)

    monitor.networkChanged()
    await clock.settle()

    expect(probes()).toBe(3)
    expect(changes.map((c) => c.reachable)).toEqual([false, true])
    expect(clock.requested).toEqual([1_000, 2_000, 3_000])
  })

  it('calls onChange only when reachability changes', async () => {
    const clock = manualClock()
    const { monitor, changes } = monitorWith(clock)

    monitor.report(true)
    monitor.report(false)
    monitor.report(false)
    monitor.report(true)
    monitor.report(true)

    expect(changes.map((c) => c.reachable)).toEqual([false, true])
    expect(monitor.current()).toEqual({ reachable: true, checkedAt: new Date(0).toISOString() })
    expect(clock.pending()).toBe(0)
  })

  it('stops probing and ignores reports after stop()', async () => {
    const clock = manualClock()
    const { monitor, probes, changes } = monitorWith(clock)
    monitor.report(false)

    monitor.stop()
    monitor.report(true)
    monitor.networkChanged()
    await clock.advance(60_000)

    expect(probes()).toBe(0)
    expect(changes.map((c) => c.reachable)).toEqual([false])
  })

  it('treats a probe that throws as unreachable', async () => {
    const clock = manualClock()
    const { monitor, changes } = monitorWith(clock, {
      probe: () => Promise.reject(new Error('boom')),
    })

    monitor.networkChanged()
    await clock.settle()

    expect(changes.map((c) => c.reachable)).toEqual([false])
    expect(clock.pending()).toBe(1)
  })

  it('resume-without-online-event: finds the host again within the backoff cap', async () => {
    const clock = manualClock()
    const downForMs = 10 * 60_000
    const { monitor, changes } = monitorWith(clock, {
      probe: async () => clock.now() >= downForMs,
      schedule: undefined,
    })

    monitor.report(false)
    while (changes.length < 2 && clock.now() < 2 * downForMs) await clock.advance(1_000)

    const backAt = Date.parse(changes[1]?.checkedAt ?? '')
    expect(changes.map((c) => c.reachable)).toEqual([false, true])
    expect(backAt - downForMs).toBeLessThanOrEqual(backoffCapMs)
    expect(Math.max(...clock.requested)).toBeLessThanOrEqual(backoffCapMs)
  })
})

describe('probeApiHost', () => {
  it('answers true for any HTTP answer, false when refused', async () => {
    const sim = await startSimulator()
    try {
      const up = await probeApiHost(sim.url)
      await sim.goDown()
      const down = await probeApiHost(sim.url, { timeoutMs: 2_000 })

      expect([up, down]).toEqual([true, false])
    } finally {
      await sim.close()
    }
  })

  it('sends no token', async () => {
    const recorder = await startRecorder((_, res) => res.writeHead(401).end())
    try {
      expect(await probeApiHost(recorder.url)).toBe(true)
      expect(recorder.seen[0]?.headers['cliente-token']).toBeUndefined()
      expect(recorder.seen[0]?.method).toBe('HEAD')
    } finally {
      await recorder.close()
    }
  })
})
