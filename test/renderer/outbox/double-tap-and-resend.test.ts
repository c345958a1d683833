import { afterEach, describe, expect, it } from 'vitest'
import {
  createCourier,
  openOutbox,
  OutboxStateError,
  type Outbox,
} from '../../../src/renderer/src/outbox'
import { draft, fakeMain, sleep, uniqueName, waitFor } from './support'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function freshOutbox(): Promise<Outbox> {
  const outbox = await openOutbox(uniqueName())
  cleanups.push(() => outbox.close())
  return outbox
}

describe('double-tap-and-resend', () => {
  it('stores one entry for two taps carrying the same form reference', async () => {
    const outbox = await freshOutbox()
    const reference = crypto.randomUUID()
    const first = outbox.add(draft({ reference }))
    await sleep(80)
    const second = outbox.add(draft({ reference }))

    const [a, b] = await Promise.all([first, second])
    expect(a.reference).toBe(reference)
    expect(b).toEqual(a)
    expect(await outbox.list()).toHaveLength(1)
  })

  it('stores one entry for two taps that race each other', async () => {
    const outbox = await freshOutbox()
    const reference = crypto.randomUUID()
    const results = await Promise.all([
      outbox.add(draft({ reference })),
      outbox.add(draft({ reference })),
    ])
    expect(results[0]).toEqual(results[1])
    expect(await outbox.list()).toHaveLength(1)
  })

  it('delivers once, and a resend is an explicit, recorded second delivery', async () => {
    const outbox = await freshOutbox()
    const main = fakeMain()
    const courier = createCourier({
      outbox,
      api: main,
      parallel: () => 4,
      lockName: uniqueName('lock'),
    })
    courier.start()
    cleanups.push(() => courier.stop())

    const entry = await outbox.add(draft({ reference: crypto.randomUUID() }))
    courier.wake('captured')
    courier.wake('captured')
    await waitFor(async () => (await outbox.get(entry.reference))?.state === 'delivered')
    expect(main.requests.map((request) => request.reference)).toEqual([entry.reference])

    await outbox.resendDelivered(entry.reference)
    const resent = await outbox.get(entry.reference)
    expect(resent).toMatchObject({
      state: 'pending',
      deliveryKey: `${entry.reference}-r1`,
      steps: {},
      deliveredAt: null,
    })
    expect(resent?.history.at(-1)).toMatchObject({
      action: 'resent',
      note: `delivery key ${entry.reference}-r1; previous lead 5000`,
    })

    courier.wake('resent')
    await waitFor(async () => (await outbox.get(entry.reference))?.state === 'delivered')
    expect(main.requests.map((request) => request.reference)).toEqual([
      entry.reference,
      `${entry.reference}-r1`,
    ])
    expect(main.requests[1]?.steps).toEqual({})

    await outbox.resendDelivered(entry.reference)
    expect((await outbox.get(entry.reference))?.deliveryKey).toBe(`${entry.reference}-r2`)
  })

  it('never resends an entry that is not delivered, nor one whose data was purged', async () => {
    const outbox = await freshOutbox()
    const entry = await outbox.add(draft())
    await expect(outbox.resendDelivered(entry.reference)).rejects.toThrow(OutboxStateError)

    await outbox.markSending(entry.reference)
    const steps = { lead: { leadId: 1, at: new Date().toISOString() } }
    const outcome = { reference: entry.reference, steps, ambiguousRetries: 0 }
    await outbox.applyOutcome(entry.reference, { ...outcome, status: 'delivered' })
    await outbox.purgeDelivered(0, Date.now() + 1000)
    await expect(outbox.resendDelivered(entry.reference)).rejects.toThrow(/purged/)
    expect((await outbox.get(entry.reference))?.deliveryKey).toBe(entry.reference)
  })
})
