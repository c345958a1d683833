import { afterEach, describe, expect, it } from 'vitest'
import type { KioskError } from '../../../src/shared/errors'
import {
  createCourier,
  openOutbox,
  OutboxWriteError,
  type Courier,
  type Outbox,
} from '../../../src/renderer/src/outbox'
import { delivered, draft, fakeMain, uniqueName, waitFor } from './support'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function freshOutbox(): Promise<Outbox> {
  const outbox = await openOutbox(uniqueName())
  cleanups.push(() => outbox.close())
  return outbox
}

/** Makes the next call of `IDBObjectStore.prototype[method]` throw, then restores it. */
function failNextStoreWrite(method: 'add' | 'put', error: DOMException): void {
  const original = IDBObjectStore.prototype[method]
  const restore = (): void => {
    IDBObjectStore.prototype[method] = original
  }
  IDBObjectStore.prototype[method] = function failOnce(): IDBRequest<IDBValidKey> {
    restore()
    throw error
  }
  cleanups.push(restore)
}

const quotaError = (): DOMException => new DOMException('Storage is full', 'QuotaExceededError')

describe('storage-full-on-send', () => {
  it('rejects the write as quota-full and keeps the entries captured earlier', async () => {
    const outbox = await freshOutbox()
    const earlier = await Promise.all([outbox.add(draft()), outbox.add(draft())])

    failNextStoreWrite('add', quotaError())
    const failed = outbox.add(draft({ language: 'en' }))

    await expect(failed).rejects.toBeInstanceOf(OutboxWriteError)
    await expect(failed).rejects.toMatchObject({ kind: 'storage', quota: true })
    const listed = await outbox.list()
    expect(listed).toHaveLength(2)
    expect(listed.every((entry) => entry.language === 'es')).toBe(true)
    for (const entry of earlier) expect(await outbox.get(entry.reference)).toEqual(entry)
  })

  it('reports other write failures as storage errors that are not about quota', async () => {
    const outbox = await freshOutbox()
    failNextStoreWrite('add', new DOMException('disk said no', 'UnknownError'))
    const failed = outbox.add(draft())
    await expect(failed).rejects.toMatchObject({ name: 'OutboxWriteError', quota: false })
    expect(await outbox.list()).toEqual([])
  })

  it('still delivers the earlier entries once the visitor was told', async () => {
    const outbox = await freshOutbox()
    const earlier = await Promise.all([outbox.add(draft()), outbox.add(draft())])
    failNextStoreWrite('add', quotaError())
    await expect(outbox.add(draft())).rejects.toMatchObject({ quota: true })

    const main = fakeMain()
    const courier = startCourier(outbox, main)
    await waitFor(async () => (await outbox.counts()).delivered === 2)
    expect(main.requests.map((request) => request.reference).sort()).toEqual(
      earlier.map((entry) => entry.reference).sort(),
    )
    await courier.stop()
  })

  it('asks for a strict-durability transaction when storing an entry', async () => {
    const original = IDBDatabase.prototype.transaction
    const options: unknown[] = []
    IDBDatabase.prototype.transaction = function spy(
      this: IDBDatabase,
      ...args: Parameters<IDBDatabase['transaction']>
    ): IDBTransaction {
      if (args[1] === 'readwrite') options.push(args[2])
      return original.apply(this, args)
    }
    cleanups.push(() => (IDBDatabase.prototype.transaction = original))
    // Dexie binds the connection's transaction method when it opens, so open after the spy.
    const outbox = await freshOutbox()

    await outbox.add(draft())

    expect(options).toEqual([expect.objectContaining({ durability: 'strict' })])
  })

  it('keeps an entry whose outcome could not be recorded, and delivers it later', async () => {
    const outbox = await freshOutbox()
    const entry = await outbox.add(draft())
    const errors: KioskError[] = []
    const main = fakeMain((request, call) => {
      if (call === 1) failNextStoreWrite('put', quotaError())
      return delivered(request)
    })
    const courier = startCourier(outbox, main, errors)

    await waitFor(() => errors.length > 0)
    expect(errors[0]).toMatchObject({ kind: 'storage' })
    expect((await outbox.get(entry.reference))?.state).toBe('sending')

    await courier.sendNow()
    await waitFor(async () => (await outbox.get(entry.reference))?.state === 'delivered')
    expect(main.requests).toHaveLength(2)
    await courier.stop()
  })
})

function startCourier(
  outbox: Outbox,
  main: ReturnType<typeof fakeMain>,
  errors: KioskError[] = [],
): Courier {
  const courier = createCourier({
    outbox,
    api: main,
    parallel: () => 4,
    lockName: uniqueName('lock'),
    onError: (error) => errors.push(error),
  })
  courier.start()
  cleanups.push(() => courier.stop())
  return courier
}
