import { afterEach, describe, expect, it } from 'vitest'
import { backoffCapMs } from '../../../src/shared/backoff'
import {
  createCourier,
  minTimerMs,
  openOutbox,
  timerDelayMs,
  type OutboxEntry,
} from '../../../src/renderer/src/outbox'
import { answered, delivered, draft, fakeMain, refused, uniqueName, waitFor } from './support'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('resume-without-online-event', () => {
  it('delivers once LeadCars is reachable again, driven by its own timer alone', async () => {
    const outbox = await openOutbox(uniqueName())
    cleanups.push(() => outbox.close())
    const entries = await Promise.all([1, 2, 3].map(() => outbox.add(draft())))
    let whileDown: OutboxEntry[] = []
    // Refused for the first three rounds of three; reachable after that.
    const main = fakeMain(async (request, call) => {
      if (call === 4) whileDown = await outbox.list()
      return call <= 9 ? answered(request, 'retry', refused) : delivered(request)
    })
    // Each reading of the clock moves it on ten minutes: every backoff has run out by the
    // time the courier next looks, while its timer still runs on real (short) sleeps.
    let clock = Date.now()
    const courier = createCourier({
      outbox,
      api: main,
      parallel: () => 1,
      now: () => (clock += 10 * 60_000),
      lockName: uniqueName('lock'),
    })
    courier.start()
    cleanups.push(() => courier.stop())

    await waitFor(async () => (await outbox.counts()).delivered === 3)
    expect(main.requests).toHaveLength(12)
    for (const entry of entries) {
      const stored = await outbox.get(entry.reference)
      expect(stored?.attempts).toBe(4)
      expect(stored?.errors.map((error) => error.message)).toEqual(Array(3).fill(refused.message))
    }

    const waiting = whileDown.filter((entry) => entry.state === 'pending')
    expect(waiting).toHaveLength(2)
    for (const entry of waiting) {
      expect(entry.lastAttemptAt).not.toBeNull()
      expect(entry.lastError).toEqual(refused)
      expect(entry.nextAttemptAt).toBeGreaterThan(Date.parse(entry.lastAttemptAt ?? ''))
    }
  })

  it('never sleeps longer than the backoff cap, nor spins without a pause', () => {
    const now = 1_000_000
    expect(timerDelayMs(null, now)).toBe(backoffCapMs)
    expect(timerDelayMs(now + 24 * 60 * 60_000, now)).toBe(backoffCapMs)
    expect(timerDelayMs(now + 7_000, now)).toBe(7_000)
    expect(timerDelayMs(now - 60_000, now)).toBe(minTimerMs)
    expect(minTimerMs).toBeGreaterThan(0)
  })
})
