import { afterEach, describe, expect, it } from 'vitest'
import type { DeliveryRequest } from '../../../src/shared/entry'
import { createCourier, openOutbox, type Courier } from '../../../src/renderer/src/outbox'
import {
  delivered,
  draft,
  fakeMain,
  manualTimers,
  sleep,
  uniqueName,
  waitFor,
  type FakeMain,
} from './support'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** LeadCars answering after 300 ms. */
function slowMain(): FakeMain {
  return fakeMain(async (request: DeliveryRequest) => {
    await sleep(300)
    return delivered(request)
  })
}

describe('one-delivery-in-flight', () => {
  it('sends a waiting entry once when every trigger fires within 100 ms', async () => {
    const outbox = await openOutbox(uniqueName())
    cleanups.push(() => outbox.close())
    const main = slowMain()
    const timers = manualTimers()
    const courier = createCourier({
      outbox,
      api: main,
      parallel: () => 4,
      lockName: uniqueName('lock'),
      schedule: timers.schedule,
    })
    courier.start()
    cleanups.push(() => courier.stop())
    await waitFor(() => timers.delays.length > 0)

    const entry = await outbox.add(draft())
    courier.wake('captured')
    await waitFor(() => main.requests.length === 1)
    main.emit({ type: 'connectivity', connectivity: { reachable: true, checkedAt: null } })
    main.emit({ type: 'wake', reason: 'connectivity' })
    timers.fireLatest()
    courier.wake('captured')
    await courier.sendNow()

    await waitFor(async () => (await outbox.get(entry.reference))?.state === 'delivered')
    await courier.sendNow()
    expect(main.requests).toHaveLength(1)
    expect(main.insideTransaction).toEqual([false])
  })

  it('sends a waiting entry once with two windows open on the same outbox', async () => {
    const name = uniqueName()
    const lockName = uniqueName('lock')
    const main = slowMain()
    const couriers: Courier[] = []
    for (let window = 0; window < 2; window += 1) {
      const outbox = await openOutbox(name)
      cleanups.push(() => outbox.close())
      const courier = createCourier({ outbox, api: main, parallel: () => 4, lockName })
      courier.start()
      cleanups.push(() => courier.stop())
      couriers.push(courier)
    }
    await waitFor(() => couriers.some((courier) => courier.leading))
    expect(couriers.filter((courier) => courier.leading)).toHaveLength(1)

    const outbox = await openOutbox(name)
    cleanups.push(() => outbox.close())
    const entry = await outbox.add(draft())
    for (const courier of couriers) courier.wake('captured')
    main.emit({ type: 'wake', reason: 'connectivity' })
    await Promise.all(couriers.map((courier) => courier.sendNow()))

    await waitFor(async () => (await outbox.get(entry.reference))?.state === 'delivered')
    await Promise.all(couriers.map((courier) => courier.sendNow()))
    await sleep(400)
    expect(main.requests).toHaveLength(1)
  })

  it('hands "send now" from a waiting window to the window that delivers', async () => {
    const name = uniqueName()
    const lockName = uniqueName('lock')
    const main = fakeMain()
    const timers = manualTimers()
    const leaderOutbox = await openOutbox(name)
    cleanups.push(() => leaderOutbox.close())
    const leader = createCourier({
      outbox: leaderOutbox,
      api: main,
      parallel: () => 4,
      lockName,
      schedule: timers.schedule,
    })
    leader.start()
    cleanups.push(() => leader.stop())
    await waitFor(() => leader.leading && timers.delays.length > 0)

    const otherOutbox = await openOutbox(name)
    cleanups.push(() => otherOutbox.close())
    const other = createCourier({ outbox: otherOutbox, api: main, parallel: () => 4, lockName })
    other.start()
    cleanups.push(() => other.stop())

    const entry = await otherOutbox.add(draft())
    await other.sendNow()
    await waitFor(async () => (await otherOutbox.get(entry.reference))?.state === 'delivered')
    expect(other.leading).toBe(false)
    expect(main.requests).toHaveLength(1)
  })

  it('lets a waiting window take over when the delivering window goes away', async () => {
    const name = uniqueName()
    const lockName = uniqueName('lock')
    const main = fakeMain()
    const firstOutbox = await openOutbox(name)
    cleanups.push(() => firstOutbox.close())
    const first = createCourier({
      outbox: firstOutbox,
      api: main,
      parallel: () => 4,
      lockName,
    })
    first.start()
    await waitFor(() => first.leading)
    const outbox = await openOutbox(name)
    cleanups.push(() => outbox.close())
    const second = createCourier({ outbox, api: main, parallel: () => 4, lockName })
    second.start()
    cleanups.push(() => second.stop())

    await first.stop()
    await waitFor(() => second.leading)
    const entry = await outbox.add(draft())
    second.wake('captured')
    await waitFor(async () => (await outbox.get(entry.reference))?.state === 'delivered')
    expect(first.leading).toBe(false)
  })
})
