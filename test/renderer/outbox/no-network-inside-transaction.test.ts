import { afterEach, describe, expect, it } from 'vitest'
import type { DeliveryRequest } from '../../../src/shared/entry'
import { createCourier, openOutbox, type Outbox } from '../../../src/renderer/src/outbox'
import {
  answered,
  delivered,
  draft,
  fakeMain,
  refused,
  uniqueName,
  waitFor,
  type Answer,
} from './support'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const at = new Date().toISOString()
const leadStep = { lead: { leadId: 321, at } }

/** An entry whose lead step LeadCars confirmed, claimed for its next attempt: then killed. */
async function interruptedAfterLead(outbox: Outbox): Promise<string> {
  const entry = await outbox.add(draft())
  await outbox.markSending(entry.reference)
  const outcome = { reference: entry.reference, steps: leadStep, ambiguousRetries: 0 }
  await outbox.applyOutcome(entry.reference, { ...outcome, status: 'retry', error: refused })
  await outbox.markSending(entry.reference)
  return entry.reference
}

/** The app after a restart: a new connection to the same store and a new courier. */
async function restart(name: string, answer: Answer = delivered) {
  const outbox = await openOutbox(name)
  cleanups.push(() => outbox.close())
  const main = fakeMain(answer)
  const courier = createCourier({ outbox, api: main, parallel: () => 4, lockName: uniqueName() })
  courier.start()
  cleanups.push(() => courier.stop())
  return { outbox, main, courier }
}

describe('no-network-inside-transaction', () => {
  it('recovers entries left sending to pending, due now, with their steps kept', async () => {
    const outbox = await openOutbox(uniqueName())
    cleanups.push(() => outbox.close())
    const reference = await interruptedAfterLead(outbox)
    const other = await outbox.add(draft())

    expect(await outbox.recoverInterrupted()).toBe(1)
    const recovered = await outbox.get(reference)
    expect(recovered).toMatchObject({ state: 'pending', steps: leadStep, attempts: 1 })
    expect(recovered?.nextAttemptAt).toBeLessThanOrEqual(Date.now())
    expect(await outbox.get(other.reference)).toEqual(other)
  })

  it('resumes at the first unfinished step after a kill before the request', async () => {
    const name = uniqueName()
    const before = await openOutbox(name)
    const reference = await interruptedAfterLead(before)
    before.close()

    const { outbox, main } = await restart(name)
    await waitFor(async () => (await outbox.get(reference))?.state === 'delivered')
    expect(main.requests).toHaveLength(1)
    expect(main.requests[0]?.steps).toEqual(leadStep)
    expect((await outbox.get(reference))?.steps.lead).toEqual(leadStep.lead)
  })

  it('loses nothing when the window dies while a request is in flight', async () => {
    const name = uniqueName()
    const first = await openOutbox(name)
    const entry = await first.add(draft())
    const hanging = fakeMain(() => new Promise<never>(() => undefined))
    const dying = createCourier({
      outbox: first,
      api: hanging,
      parallel: () => 4,
      lockName: uniqueName(),
    })
    dying.start()
    await waitFor(() => hanging.requests.length === 1)
    first.close()

    // Main is still delivering the first request, so it answers the new window "busy" first.
    const { outbox, main } = await restart(name, (request: DeliveryRequest, call: number) =>
      call === 1 ? answered(request, 'busy') : delivered(request),
    )
    await waitFor(() => main.requests.length >= 1)
    expect((await outbox.get(entry.reference))?.state).not.toBe('delivered')
    expect(await outbox.list()).toHaveLength(1)

    await waitFor(async () => (await outbox.get(entry.reference))?.state === 'delivered', 10_000)
    expect(main.requests.map((request) => request.reference)).toEqual([
      entry.reference,
      entry.reference,
    ])
  })

  it('never calls main from inside a database transaction', async () => {
    const name = uniqueName()
    const seed = await openOutbox(name)
    await Promise.all([1, 2, 3, 4, 5].map(() => seed.add(draft())))
    seed.close()

    const { outbox, main } = await restart(name)
    await waitFor(async () => (await outbox.counts()).delivered === 5)
    expect(main.insideTransaction).toEqual([false, false, false, false, false])
  })
})
