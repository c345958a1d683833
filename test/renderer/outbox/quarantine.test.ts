import { liveQuery } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { openOutbox, type Outbox, type OutboxEntry } from '../../../src/renderer/src/outbox'
import { countRaw, draft, putRaw, uniqueName, waitFor } from './support'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function outboxWithGarbage(): Promise<{ name: string; outbox: Outbox; good: OutboxEntry }> {
  const name = uniqueName()
  const outbox = await openOutbox(name)
  cleanups.push(() => outbox.close())
  const good = await outbox.add(draft())
  await putRaw(name, 'entries', { reference: 'junk-1', state: 'flying', visitor: 'not a visitor' })
  await putRaw(name, 'entries', { reference: 42, note: 'written by something else' })
  return { name, outbox, good }
}

describe('quarantine', () => {
  it('lists the readable entries and sets the garbage aside with its raw JSON', async () => {
    const { name, outbox, good } = await outboxWithGarbage()

    expect(await outbox.list()).toEqual([good])
    const aside = await outbox.setAside()
    expect(aside.map((row) => row.key).sort()).toEqual(['42', 'junk-1'])
    const junk = aside.find((row) => row.key === 'junk-1')
    expect(JSON.parse(junk?.raw ?? '{}')).toEqual({
      reference: 'junk-1',
      state: 'flying',
      visitor: 'not a visitor',
    })
    expect(junk?.reason).toContain('state')
    expect(junk?.reason).not.toContain('not a visitor')
    expect(await countRaw(name, 'entries')).toBe(1)
    expect(await countRaw(name, 'quarantine')).toBe(2)
  })

  it('skips an unreadable pending row when taking due entries', async () => {
    const { name, outbox, good } = await outboxWithGarbage()
    await putRaw(name, 'entries', { reference: 'junk-2', state: 'pending', nextAttemptAt: 0 })

    const due = await outbox.due(Date.now(), 10)
    expect(due.map((entry) => entry.reference)).toEqual([good.reference])
    expect((await outbox.setAside()).map((row) => row.key)).toContain('junk-2')
    expect(await outbox.markSending('junk-2')).toBe(false)
  })

  it('sets garbage aside even when first read by a live query', async () => {
    const { outbox, good } = await outboxWithGarbage()
    const seen: OutboxEntry[][] = []
    const subscription = liveQuery(() => outbox.list()).subscribe({
      next: (entries) => seen.push(entries),
    })
    cleanups.push(() => subscription.unsubscribe())

    await waitFor(() => seen.length > 0)
    expect(seen[0]).toEqual([good])
    await waitFor(async () => (await outbox.setAside()).length === 2)
  })
})
