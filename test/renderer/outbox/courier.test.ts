import { afterEach, describe, expect, it } from 'vitest'
import { fail, type KioskError } from '../../../src/shared/errors'
import {
  createCourier,
  openOutbox,
  type Courier,
  type CourierOptions,
  type Outbox,
} from '../../../src/renderer/src/outbox'
import {
  answered,
  delivered,
  draft,
  fakeMain,
  sleep,
  uniqueName,
  waitFor,
  type Answer,
  type FakeMain,
} from './support'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

type Setup = { outbox: Outbox; main: FakeMain; courier: Courier; errors: KioskError[] }

async function setup(answer?: Answer, options: Partial<CourierOptions> = {}): Promise<Setup> {
  const outbox = await openOutbox(uniqueName())
  cleanups.push(() => outbox.close())
  const main = fakeMain(answer)
  const errors: KioskError[] = []
  const courier = createCourier({
    outbox,
    api: main,
    parallel: () => 4,
    lockName: uniqueName('lock'),
    onError: (error) => errors.push(error),
    ...options,
  })
  cleanups.push(() => courier.stop())
  return { outbox, main, courier, errors }
}

async function stateOf(outbox: Outbox, reference: string): Promise<string | undefined> {
  return (await outbox.get(reference))?.state
}

describe('courier', () => {
  it('records a failed IPC result as a retry with its error', async () => {
    const { outbox, courier } = await setup(() => fail('transient', 'main was restarting'))
    const entry = await outbox.add(draft())
    courier.start()
    await waitFor(async () => (await outbox.get(entry.reference))?.attempts === 1)
    const stored = await outbox.get(entry.reference)
    expect(stored?.state).toBe('pending')
    expect(stored?.lastError).toEqual({ kind: 'transient', message: 'main was restarting' })
  })

  it('hands an entry main refuses as invalid input to staff instead of retrying it', async () => {
    const { outbox, main, courier } = await setup(() =>
      fail('invalid_input', 'steps did not parse'),
    )
    const entry = await outbox.add(draft())
    courier.start()
    await waitFor(async () => (await stateOf(outbox, entry.reference)) === 'needs_attention')
    const stored = await outbox.get(entry.reference)
    expect(stored?.attempts).toBe(1)
    expect(stored?.lastError).toEqual({ kind: 'invalid_input', message: 'steps did not parse' })
    await courier.sendNow()
    expect(main.requests).toHaveLength(1)
    expect(await outbox.due(Date.now() + 60_000, 10)).toEqual([])
  })

  it('records a call that throws, or an unreadable outcome, as a retry', async () => {
    const { outbox, courier } = await setup((request, call) => {
      if (call === 1) throw new Error('ipc went away')
      return { ok: true, value: { reference: request.reference, status: 'sort of' } }
    })
    const entries = await Promise.all([outbox.add(draft()), outbox.add(draft())])
    courier.start()
    await waitFor(async () => (await outbox.list()).every((entry) => entry.attempts === 1))
    const kinds = (await outbox.list()).map((entry) => entry.lastError?.kind).sort()
    expect(kinds).toEqual(['invalid_input', 'transient'])
    expect(await stateOf(outbox, entries[0].reference)).toBe('pending')
  })

  it('leaves a rejected entry for staff, and delivers it after their retry', async () => {
    const rejected = { kind: 'rejected' as const, message: 'email invalid', status: 422 }
    const { outbox, main, courier } = await setup((request, call) =>
      call === 1 ? answered(request, 'needs_attention', rejected) : delivered(request),
    )
    const entry = await outbox.add(draft())
    courier.start()
    await waitFor(async () => (await stateOf(outbox, entry.reference)) === 'needs_attention')
    await courier.sendNow()
    expect(main.requests).toHaveLength(1)

    await outbox.retry(entry.reference)
    courier.wake('retry')
    await waitFor(async () => (await stateOf(outbox, entry.reference)) === 'delivered')
    expect(main.requests).toHaveLength(2)
  })

  it('pauses on a refused token until main says the token is fixed, then sends every entry', async () => {
    const auth = { kind: 'auth' as const, message: 'token refused', status: 401 }
    let tokenFixed = false
    const { outbox, main, courier, errors } = await setup(
      (request) => (tokenFixed ? delivered(request) : answered(request, 'paused', auth)),
      { parallel: () => 1 },
    )
    await Promise.all([1, 2, 3].map(() => outbox.add(draft())))
    courier.start()
    await waitFor(() => errors.length > 0)
    expect(errors[0]).toEqual(auth)
    courier.wake('captured')
    main.emit({ type: 'wake', reason: 'connectivity' })
    await sleep(300)
    expect(main.requests).toHaveLength(1)

    tokenFixed = true
    main.emit({ type: 'wake', reason: 'token' })
    await waitFor(async () => (await outbox.counts()).delivered === 3)
    expect(main.requests).toHaveLength(4)
  })

  it('keeps at most parallel() deliveries in flight', async () => {
    let inFlight = 0
    let highest = 0
    const { outbox, courier } = await setup(
      async (request) => {
        inFlight += 1
        highest = Math.max(highest, inFlight)
        await sleep(60)
        inFlight -= 1
        return delivered(request)
      },
      { parallel: () => 2 },
    )
    await Promise.all([1, 2, 3, 4, 5, 6].map(() => outbox.add(draft())))
    courier.start()
    await waitFor(async () => (await outbox.counts()).delivered === 6)
    expect(highest).toBe(2)
  })

  it('waits for the delivery in flight when stopped, and takes nothing after', async () => {
    const { outbox, main, courier } = await setup(async (request) => {
      await sleep(300)
      return delivered(request)
    })
    const entry = await outbox.add(draft())
    courier.start()
    await waitFor(() => main.requests.length === 1)
    await outbox.add(draft())
    await courier.stop()

    expect(await stateOf(outbox, entry.reference)).toBe('delivered')
    expect(courier.running).toBe(false)
    courier.wake('captured')
    await sleep(200)
    expect(main.requests).toHaveLength(1)
    expect((await outbox.counts()).pending).toBe(1)
  })

  it('tells main the whole outbox at start and each new capture after', async () => {
    const { outbox, main, courier, errors } = await setup()
    const first = await outbox.add(draft())
    main.missing = [first.reference, 'lost-reference']
    courier.start()
    await waitFor(() => main.ledger.length === 1)
    expect(main.ledger[0]).toEqual({
      rows: [{ reference: first.reference, state: 'pending' }],
      complete: true,
    })
    await waitFor(() => errors.length === 1)
    expect(errors[0]).toMatchObject({ kind: 'storage' })
    expect(errors[0]?.message).toMatch(/^1 entries/)

    const second = await outbox.add(draft())
    courier.wake('captured')
    await waitFor(() => main.ledger.length === 2)
    expect(main.ledger[1]?.complete).toBe(false)
    expect(main.ledger[1]?.rows.map((row) => row.reference)).toEqual([second.reference])
  })

  it('purges personal data past the retention period at start', async () => {
    const { outbox, main, courier } = await setup()
    const entry = await outbox.add(draft())
    const longAgo = Date.now() - 45 * 24 * 60 * 60_000
    await outbox.markSending(entry.reference, longAgo)
    const outcome = delivered({ ...entry, visitor: draft().visitor, reference: entry.reference })
    if (!outcome.ok) throw new Error('the outcome was not built')
    await outbox.applyOutcome(entry.reference, outcome.value, longAgo)
    main.retentionDays = 30

    courier.start()
    await waitFor(async () => (await outbox.get(entry.reference))?.visitor === null)
    expect(await stateOf(outbox, entry.reference)).toBe('delivered')
  })
})
