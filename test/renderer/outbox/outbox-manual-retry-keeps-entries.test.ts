import { afterEach, describe, expect, it } from 'vitest'
import { createCourier, openOutbox } from '../../../src/renderer/src/outbox'
import {
  answered,
  draft,
  fakeMain,
  manualTimers,
  refused,
  sleep,
  unavailable,
  uniqueName,
  waitFor,
} from './support'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('outbox-manual-retry-keeps-entries', () => {
  it('keeps all three entries through two "send now" presses and the timer', async () => {
    const outbox = await openOutbox(uniqueName())
    cleanups.push(() => outbox.close())
    const entries = await Promise.all([1, 2, 3].map(() => outbox.add(draft())))
    // The server first refuses connections, then answers 503 to everything.
    const main = fakeMain((request, call) =>
      answered(request, 'retry', call <= 3 ? refused : unavailable),
    )
    let skew = 0
    const timers = manualTimers()
    const courier = createCourier({
      outbox,
      api: main,
      parallel: () => 4,
      now: () => Date.now() + skew,
      lockName: uniqueName('lock'),
      schedule: timers.schedule,
    })
    courier.start()
    cleanups.push(() => courier.stop())
    await waitFor(() => main.requests.length === 3 && timers.delays.length > 0)

    const first = courier.sendNow()
    await sleep(200)
    const second = courier.sendNow()
    await Promise.all([first, second])
    const beforeTimer = main.requests.length
    skew += 10 * 60_000
    timers.fireLatest()
    await waitFor(() => main.requests.length >= beforeTimer + 3)
    await courier.stop()

    const after = await outbox.list()
    expect(after).toHaveLength(3)
    for (const entry of entries) {
      const stored = after.find((candidate) => candidate.reference === entry.reference)
      const calls = main.requests.filter((request) => request.reference === entry.reference)
      expect(stored?.state).toBe('pending')
      expect(stored?.deliveredAt).toBeNull()
      expect(stored?.attempts).toBeGreaterThanOrEqual(3)
      expect(stored?.attempts).toBe(calls.length)
      expect(stored?.lastError).toEqual(unavailable)
      expect(stored?.errors[0]).toMatchObject({ message: 'Connection refused' })
      expect(stored?.errors.at(-1)).toMatchObject({ status: 503 })
    }
    expect((await outbox.counts()).delivered).toBe(0)
  })
})
