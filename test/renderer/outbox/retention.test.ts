import { afterEach, describe, expect, it } from 'vitest'
import type { DeliveryOutcome } from '../../../src/shared/entry'
import { openOutbox, type Outbox } from '../../../src/renderer/src/outbox'
import { draft, uniqueName } from './support'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const dayMs = 24 * 60 * 60_000

async function deliveredAt(outbox: Outbox, now: number): Promise<string> {
  const entry = await outbox.add(draft())
  await outbox.markSending(entry.reference, now)
  const at = new Date(now).toISOString()
  const outcome: DeliveryOutcome = {
    reference: entry.reference,
    status: 'delivered',
    steps: { lead: { leadId: 11, at }, contact: { contactId: 12, at }, gdpr: { at } },
    ambiguousRetries: 0,
  }
  await outbox.applyOutcome(entry.reference, outcome, now)
  return entry.reference
}

describe('retention purge', () => {
  it('strips personal data of old finished entries, keeps receipts and waiting entries', async () => {
    const outbox = await openOutbox(uniqueName())
    cleanups.push(() => outbox.close())
    const start = Date.now()
    const old = await deliveredAt(outbox, start)
    const recent = await deliveredAt(outbox, start + 20 * dayMs)
    const waiting = await outbox.add(draft())
    const attention = await outbox.add(draft())
    await outbox.markSending(attention.reference)
    await outbox.applyOutcome(attention.reference, {
      reference: attention.reference,
      status: 'needs_attention',
      steps: {},
      error: { kind: 'rejected', message: 'email invalid', status: 422 },
      ambiguousRetries: 0,
    })
    const dropped = await outbox.add(draft())
    await outbox.discard(dropped.reference, 'test visit by staff')
    const before = await outbox.get(old)
    const purgeAt = start + 40 * dayMs

    expect(await outbox.purgeDelivered(30, purgeAt)).toBe(2)

    const purged = await outbox.get(old)
    expect(purged).toMatchObject({
      state: 'delivered',
      visitor: null,
      purgedAt: new Date(purgeAt).toISOString(),
      deliveredAt: before?.deliveredAt,
      steps: before?.steps,
      consents: before?.consents,
    })
    expect(purged?.history.at(-1)?.action).toBe('purged')
    expect((await outbox.get(dropped.reference))?.visitor).toBeNull()
    expect((await outbox.get(recent))?.visitor).not.toBeNull()
    expect(await outbox.get(waiting.reference)).toEqual(waiting)
    expect((await outbox.get(attention.reference))?.visitor).toEqual(attention.visitor)

    expect(await outbox.purgeDelivered(30, purgeAt)).toBe(0)
    expect(await outbox.purgeDelivered(0, start + 365 * dayMs)).toBe(1)
    expect(await outbox.get(waiting.reference)).toEqual(waiting)
  })
})
