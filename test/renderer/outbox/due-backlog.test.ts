import { Dexie } from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createCourier,
  openOutbox,
  type Outbox,
  type OutboxEntry,
} from '../../../src/renderer/src/outbox'
import { OutboxDatabase } from '../../../src/renderer/src/outbox/database'
import { entrySchema } from '../../../src/renderer/src/outbox/schema'
import { createEntry } from '../../../src/renderer/src/outbox/transitions'
import { countRaw, draft, fakeMain, uniqueName, waitFor } from './support'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Rows as the outbox stores them, captured one millisecond apart and all due at `start`. */
function rows(count: number, start: number): OutboxEntry[] {
  return Array.from({ length: count }, (_, index) => createEntry(draft(), start + index))
}

async function opened(name: string): Promise<Outbox> {
  const outbox = await openOutbox(name)
  cleanups.push(() => outbox.close())
  return outbox
}

describe('outbox backlog', () => {
  it('reads a bounded number of rows to take the next due entry from 500', async () => {
    const name = uniqueName()
    const db = new OutboxDatabase(name)
    await db.entries.bulkPut(rows(500, Date.now() - 10_000))
    db.close()
    const outbox = await opened(name)
    const parse = vi.spyOn(entrySchema, 'safeParse')

    const [first] = await outbox.due(Date.now(), 1)
    expect(parse.mock.calls.length).toBeLessThanOrEqual(2)
    parse.mockClear()

    const skip = new Set([first?.reference ?? ''])
    const [second] = await outbox.due(Date.now(), 1, skip)
    expect(parse.mock.calls.length).toBeLessThanOrEqual(2)
    expect(second?.reference).not.toBe(first?.reference)
    expect(second && first && second.capturedAt > first.capturedAt).toBe(true)
  })

  it('keeps every row, readable or not, when opening a store of the previous version', async () => {
    const name = uniqueName()
    const old = new Dexie(name)
    old.version(1).stores({
      entries: 'reference, state, [state+nextAttemptAt]',
      quarantine: '++seq, key',
    })
    const stored = rows(3, Date.now() - 5_000)
    await old.table('entries').bulkPut([...stored, { reference: 'junk', state: 'pending' }])
    old.close()

    const outbox = await opened(name)
    expect(await countRaw(name, 'entries')).toBe(4)
    const due = await outbox.due(Date.now(), 10)
    expect(due.map((entry) => entry.reference)).toEqual(stored.map((row) => row.reference))
    expect((await outbox.list()).length).toBe(3)
    expect((await outbox.setAside()).map((row) => row.key)).toEqual(['junk'])
  })

  it('reports a new capture to main without listing the whole outbox again', async () => {
    const outbox = await opened(uniqueName())
    await outbox.add(draft())
    const list = vi.fn(outbox.list)
    const watched: Outbox = { ...outbox, list }
    const main = fakeMain()
    const courier = createCourier({
      outbox: watched,
      api: main,
      parallel: () => 2,
      lockName: uniqueName('lock'),
    })
    cleanups.push(() => courier.stop())
    courier.start()
    await waitFor(() => main.ledger.length === 1)
    const listedAtStart = list.mock.calls.length

    const second = await outbox.add(draft())
    courier.wake('captured')
    await waitFor(() => main.ledger.length === 2)
    expect(main.ledger[1]).toEqual({
      rows: [{ reference: second.reference, state: 'pending' }],
      complete: false,
    })
    expect(list.mock.calls.length).toBe(listedAtStart)
  })
})
