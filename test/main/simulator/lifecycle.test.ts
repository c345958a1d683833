import { once } from 'node:events'
import { connect } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import { startSimulator } from '../../../src/main/simulator'
import { call, createLead, failureCode, settled, useSimulator, validLead } from './helpers'

describe('going down and up', () => {
  const sim = useSimulator()

  it('refuses connections while down, even on a kept-alive socket, and keeps its state', async () => {
    await createLead(sim())
    expect((await call(sim(), '/tipos')).status).toBe(200)

    await sim().goDown()
    expect(await failureCode(call(sim(), '/tipos'))).toBe('ECONNREFUSED')

    await sim().goUp()
    const response = await call(sim(), `/leadinfos/${sim().leads()[0]?.id}`)
    expect(response.status).toBe(200)
    expect(sim().url).toBe(`http://127.0.0.1:${sim().port}/api/v2`)
  })

  it('closes connections that never sent a request', async () => {
    const socket = connect(sim().port, '127.0.0.1')
    socket.on('error', () => undefined)
    await once(socket, 'connect')
    const closed = once(socket, 'close')

    await sim().goDown()

    await closed
    expect(socket.destroyed).toBe(true)
  })

  it('takes repeated goDown and goUp calls calmly', async () => {
    await sim().goDown()
    await sim().goDown()
    await sim().goUp()
    await sim().goUp()

    expect((await call(sim(), '/tipos')).status).toBe(200)
  })

  it('cuts a request in flight when going down; the lead it carried is still stored', async () => {
    sim().addFault({ path: '/leads', times: 1, fault: { type: 'delay', ms: 500 } })
    const outcome = settled(call(sim(), '/leads', { method: 'POST', body: validLead(sim()) }))
    await vi.waitFor(() => expect(sim().requests()).toHaveLength(1))

    await sim().goDown()

    expect(await outcome).toBe('failed')
    await vi.waitFor(() => expect(sim().leads()).toHaveLength(1), { timeout: 5_000 })
    expect(sim().requests()[0]?.status).toBeNull()
  })

  it('reset clears leads, contacts, requests and faults but keeps variants', async () => {
    sim().setVariants({ createResponse: 'lead_id' })
    await createLead(sim())
    sim().addFault({ fault: { type: 'html' } })

    sim().reset()

    expect([sim().leads(), sim().contacts(), sim().requests(), sim().journeyMemberships()]).toEqual(
      [[], [], [], []],
    )
    const response = await call(sim(), '/leads', { method: 'POST', body: validLead(sim()) })
    expect(await response.json()).toHaveProperty('lead_id')
  })
})

describe('starting and closing', () => {
  it('listens on 127.0.0.1 on a given port', async () => {
    const first = await startSimulator()
    const { port } = first
    await first.close()

    const second = await startSimulator({ port })
    try {
      expect(second.port).toBe(port)
      expect(second.url).toBe(`http://127.0.0.1:${port}/api/v2`)
      expect((await call(second, '/tipos')).status).toBe(200)
    } finally {
      await second.close()
    }
  })

  it('closes at once with a long delay pending, and the cut request stores nothing', async () => {
    const sim = await startSimulator()
    sim.addFault({ fault: { type: 'delay', ms: 60_000 } })
    const outcome = settled(call(sim, '/leads', { method: 'POST', body: validLead(sim) }))
    await vi.waitFor(() => expect(sim.requests()).toHaveLength(1))

    await sim.close()

    expect(await outcome).toBe('failed')
    expect(sim.leads()).toHaveLength(0)
  })

  it('two simulators run side by side with their own state', async () => {
    const [one, two] = await Promise.all([startSimulator(), startSimulator()])
    try {
      await createLead(one)

      expect(one.port).not.toBe(two.port)
      expect([one.leads().length, two.leads().length]).toEqual([1, 0])
    } finally {
      await Promise.all([one.close(), two.close()])
    }
  })
})
