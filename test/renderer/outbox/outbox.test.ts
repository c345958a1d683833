import { afterEach, describe, expect, it } from 'vitest'
import { retryDelayMs } from '../../../src/shared/backoff'
import type { DeliveryOutcome } from '../../../src/shared/entry'
import { openOutbox, OutboxStateError, type Outbox } from '../../../src/renderer/src/outbox'
import { draft, refused, uniqueName } from './support'

const opened: Outbox[] = []

async function freshOutbox(): Promise<Outbox> {
  const outbox = await openOutbox(uniqueName())
  opened.push(outbox)
  return outbox
}

afterEach(() => opened.splice(0).forEach((outbox) => outbox.close()))

function outcome(reference: string, overrides: Partial<DeliveryOutcome> = {}): DeliveryOutcome {
  return {
    reference,
    status: 'retry',
    steps: {},
    error: refused,
    ambiguousRetries: 0,
    ...overrides,
  }
}

describe('outbox storage', () => {
  it('stores an entry and reads it back, newest first', async () => {
    const outbox = await freshOutbox()
    const first = await outbox.add(draft())
    const second = await outbox.add(draft({ language: 'en' }))

    expect(first.state).toBe('pending')
    expect(first.deliveryKey).toBe(first.reference)
    expect(first.history.map((record) => record.action)).toEqual(['captured'])
    expect(await outbox.get(first.reference)).toEqual(first)
    const listed = await outbox.list()
    expect(listed.map((entry) => entry.reference)).toEqual([second.reference, first.reference])
    expect(await outbox.get('no-such-reference')).toBeUndefined()
  })

  it('survives closing and reopening the store', async () => {
    const name = uniqueName()
    const before = await openOutbox(name)
    const entry = await before.add(draft())
    before.close()

    const after = await openOutbox(name)
    opened.push(after)
    expect(await after.get(entry.reference)).toEqual(entry)
  })

  it('lists due entries oldest first, within the limit, and knows the next due time', async () => {
    const outbox = await freshOutbox()
    const a = await outbox.add(draft())
    const b = await outbox.add(draft())
    const c = await outbox.add(draft())
    await outbox.markSending(c.reference)
    await outbox.applyOutcome(c.reference, outcome(c.reference), Date.now(), () => 0)

    const now = Date.now()
    const due = await outbox.due(now, 10)
    expect(due.map((entry) => entry.reference)).toEqual([a.reference, b.reference])
    expect((await outbox.due(now, 1)).map((entry) => entry.reference)).toEqual([a.reference])
    expect(await outbox.nextDueAt()).toBe(a.nextAttemptAt)
    expect(await outbox.counts()).toEqual({
      pending: 3,
      sending: 0,
      delivered: 0,
      needs_attention: 0,
      discarded: 0,
    })
  })

  it('has no next due time when nothing is pending', async () => {
    const outbox = await freshOutbox()
    expect(await outbox.nextDueAt()).toBeNull()
  })

  it('lets exactly one of several concurrent claims take an entry', async () => {
    const outbox = await freshOutbox()
    const entry = await outbox.add(draft())
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => outbox.markSending(entry.reference)),
    )
    expect(claims.filter(Boolean)).toHaveLength(1)
    expect((await outbox.get(entry.reference))?.state).toBe('sending')
    expect((await outbox.get(entry.reference))?.lastAttemptAt).not.toBeNull()
  })
})

describe('outbox outcomes', () => {
  it('schedules a retry with backoff, the error recorded and steps kept', async () => {
    const outbox = await freshOutbox()
    const entry = await outbox.add(draft())
    const now = Date.now()
    const lead = { leadId: 41, at: new Date(now).toISOString() }
    await outbox.markSending(entry.reference, now)
    const error = { ...refused, retryAfterMs: 90_000 }
    const after = await outbox.applyOutcome(
      entry.reference,
      outcome(entry.reference, { steps: { lead }, error, ambiguousRetries: 1 }),
      now,
      () => 0,
    )

    expect(after?.state).toBe('pending')
    expect(after?.attempts).toBe(1)
    expect(after?.nextAttemptAt).toBe(now + retryDelayMs(1, 90_000, () => 0))
    expect(after?.nextAttemptAt).toBe(now + 90_000)
    expect(after?.lastError).toEqual(error)
    expect(after?.errors).toEqual([{ at: lead.at, kind: 'transient', message: refused.message }])
    expect(after?.steps).toEqual({ lead })
    expect(after?.ambiguousRetries).toBe(1)
  })

  it('never loses a confirmed step, even when a later report leaves it out', async () => {
    const outbox = await freshOutbox()
    const entry = await outbox.add(draft())
    const lead = { leadId: 41, at: new Date().toISOString() }
    const contact = { contactId: 77, at: new Date().toISOString() }
    await outbox.markSending(entry.reference)
    await outbox.applyOutcome(entry.reference, outcome(entry.reference, { steps: { lead } }))
    await outbox.markSending(entry.reference)
    const after = await outbox.applyOutcome(
      entry.reference,
      outcome(entry.reference, { steps: { contact, lead: { leadId: 99, at: lead.at } } }),
    )
    expect(after?.steps).toEqual({ lead, contact })
  })

  it('keeps the error history bounded to the last 50', async () => {
    const outbox = await freshOutbox()
    const entry = await outbox.add(draft())
    for (let attempt = 1; attempt <= 55; attempt += 1) {
      await outbox.markSending(entry.reference)
      const error = { kind: 'transient' as const, message: `failure ${attempt}` }
      await outbox.applyOutcome(entry.reference, outcome(entry.reference, { error }))
    }
    const after = await outbox.get(entry.reference)
    expect(after?.attempts).toBe(55)
    expect(after?.errors).toHaveLength(50)
    expect(after?.errors[0]?.message).toBe('failure 6')
    expect(after?.errors.at(-1)?.message).toBe('failure 55')
  })

  it('records delivered, needs attention, paused and busy as each one means', async () => {
    const outbox = await freshOutbox()
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => outbox.add(draft())))
    if (!a || !b || !c || !d) throw new Error('entries were not stored')
    const now = Date.now()
    const at = new Date(now).toISOString()
    const rejected = { kind: 'rejected' as const, message: 'email invalid', status: 422 }
    const auth = { kind: 'auth' as const, message: 'token refused', status: 401 }
    for (const entry of [a, b, c, d]) await outbox.markSending(entry.reference, now)

    const steps = { lead: { leadId: 1, at }, contact: { contactId: 2, at }, gdpr: { at } }
    const done = await outbox.applyOutcome(
      a.reference,
      outcome(a.reference, { status: 'delivered', steps, error: undefined }),
      now,
    )
    const stuck = await outbox.applyOutcome(
      b.reference,
      outcome(b.reference, { status: 'needs_attention', error: rejected }),
      now,
    )
    const paused = await outbox.applyOutcome(
      c.reference,
      outcome(c.reference, { status: 'paused', error: auth }),
      now,
    )
    const busy = await outbox.applyOutcome(d.reference, outcome(d.reference, { status: 'busy' }))

    expect(done).toMatchObject({ state: 'delivered', deliveredAt: at, steps, lastError: null })
    expect(stuck).toMatchObject({ state: 'needs_attention', lastError: rejected })
    expect(paused).toMatchObject({ state: 'pending', attempts: 0, lastError: auth })
    expect(paused?.nextAttemptAt).toBe(now + 30_000)
    expect(busy).toMatchObject({ state: 'pending', attempts: 0, lastError: null })
    expect(busy?.nextAttemptAt).toBe(d.nextAttemptAt)
  })

  it('does not bring back an entry staff discarded while it was in flight', async () => {
    const outbox = await freshOutbox()
    const entry = await outbox.add(draft())
    await outbox.markSending(entry.reference)
    await outbox.discard(entry.reference, 'visitor asked us to')
    const lead = { leadId: 8, at: new Date().toISOString() }
    const after = await outbox.applyOutcome(
      entry.reference,
      outcome(entry.reference, { status: 'delivered', steps: { lead } }),
    )
    expect(after?.state).toBe('discarded')
    expect(after?.steps).toEqual({ lead })
  })

  it('ignores an outcome for another delivery key', async () => {
    const outbox = await freshOutbox()
    const entry = await outbox.add(draft())
    await outbox.markSending(entry.reference)
    const after = await outbox.applyOutcome(
      entry.reference,
      outcome('someone-else', { status: 'delivered' }),
    )
    expect(after?.state).toBe('sending')
    expect(await outbox.applyOutcome('missing', outcome('missing'))).toBeUndefined()
  })
})

describe('outbox staff actions', () => {
  async function needingAttention(outbox: Outbox): Promise<string> {
    const entry = await outbox.add(draft())
    await outbox.markSending(entry.reference)
    const error = { kind: 'rejected' as const, message: 'email invalid', status: 422 }
    await outbox.applyOutcome(
      entry.reference,
      outcome(entry.reference, { status: 'needs_attention', error }),
    )
    return entry.reference
  }

  it('retries an entry that needs attention, due now and recorded', async () => {
    const outbox = await freshOutbox()
    const reference = await needingAttention(outbox)
    await outbox.retry(reference)
    const after = await outbox.get(reference)
    expect(after?.state).toBe('pending')
    expect(after?.nextAttemptAt).toBeLessThanOrEqual(Date.now())
    expect(after?.history.map((record) => record.action)).toEqual(['captured', 'retried'])
  })

  it('edits an entry with corrected data, recording which fields but not their values', async () => {
    const outbox = await freshOutbox()
    const reference = await needingAttention(outbox)
    const visitor = { ...draft().visitor, email: 'lucia.martin@example.es' }
    await outbox.edit(reference, visitor)
    const after = await outbox.get(reference)
    expect(after?.visitor).toEqual(visitor)
    expect(after?.state).toBe('pending')
    expect(after?.history.at(-1)).toMatchObject({ action: 'edited', note: 'changed: email' })
    expect(JSON.stringify(after?.history)).not.toContain('lucia.martin')
  })

  it('refuses actions that do not fit the state, and unknown entries', async () => {
    const outbox = await freshOutbox()
    const entry = await outbox.add(draft())
    await expect(outbox.edit(entry.reference, draft().visitor)).rejects.toThrow(OutboxStateError)
    await expect(outbox.resendDelivered(entry.reference)).rejects.toThrow(OutboxStateError)
    await expect(outbox.retry('no-such-entry')).rejects.toThrow(OutboxStateError)
    expect((await outbox.get(entry.reference))?.state).toBe('pending')
  })

  it('discards any waiting entry with the reason, but never a delivered one', async () => {
    const outbox = await freshOutbox()
    const reference = await needingAttention(outbox)
    await outbox.discard(reference, 'duplicate of an earlier visit')
    await outbox.discard(reference, 'second tap')
    const after = await outbox.get(reference)
    expect(after?.state).toBe('discarded')
    const discards = after?.history.filter((record) => record.action === 'discarded')
    expect(discards).toEqual([expect.objectContaining({ note: 'duplicate of an earlier visit' })])

    const other = await outbox.add(draft())
    await outbox.markSending(other.reference)
    await outbox.applyOutcome(other.reference, outcome(other.reference, { status: 'delivered' }))
    await expect(outbox.discard(other.reference, 'oops')).rejects.toThrow(OutboxStateError)
    expect((await outbox.get(other.reference))?.state).toBe('delivered')
  })
})
