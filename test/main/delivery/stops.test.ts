import { describe, expect, it } from 'vitest'
import { deliveryRequest } from '../leadcars/fixtures'
import { useBench } from './fixtures'

describe('delivery outcomes that stop an entry', () => {
  const bench = useBench()

  it('pauses on a refused token (auth) and tells main once', async () => {
    const { sim } = bench()
    const delivery = bench().withClient({ token: () => 'REFUSED-TOKEN-000000' })

    const outcome = await delivery.deliver(deliveryRequest(sim))

    expect(outcome).toMatchObject({ status: 'paused', error: { kind: 'auth', status: 401 } })
    expect(bench().hooks.authFailures).toBe(1)
    expect(sim.leads()).toHaveLength(0)
  })

  it('sends nothing while auth is paused, or while no token is set', async () => {
    const { sim, hooks } = bench()
    hooks.authPaused = true
    const whilePaused = await bench().delivery.deliver(deliveryRequest(sim))
    hooks.authPaused = false
    const noToken = await bench()
      .withClient({ token: () => null })
      .deliver(deliveryRequest(sim))

    expect(whilePaused).toMatchObject({ status: 'paused', error: { kind: 'auth' } })
    expect(noToken).toMatchObject({ status: 'paused', error: { kind: 'config' } })
    expect(sim.requests()).toHaveLength(0)
    expect(hooks.authFailures).toBe(0)
  })

  it('needs attention with the server message when LeadCars rejects the lead (400)', async () => {
    const { sim, delivery } = bench()
    sim.setVariants({ validationStatus: 400 })
    const request = deliveryRequest(sim)
    const invalid = { ...request, visitor: { ...request.visitor, phone: '612 34' } }

    const outcome = await delivery.deliver(invalid)

    expect(outcome).toMatchObject({
      status: 'needs_attention',
      error: { kind: 'rejected', status: 400 },
    })
    expect(outcome.error?.message).toMatch(/telefono/)
    expect(outcome.steps).toEqual({})
    expect(bench().journal.get(request.reference)?.state).toBe('needs_attention')
  })

  it('needs attention (config) with no dealer or lead type, sending nothing', async () => {
    const { sim, delivery } = bench()
    const request = deliveryRequest(sim)

    const noDealer = await delivery.deliver({
      ...request,
      routing: { ...request.routing, dealerId: 0 },
    })
    const noType = await delivery.deliver({
      ...request,
      routing: { ...request.routing, leadTypeId: Number.NaN },
    })

    expect(noDealer).toMatchObject({ status: 'needs_attention', error: { kind: 'config' } })
    expect(noType).toMatchObject({ status: 'needs_attention', error: { kind: 'config' } })
    expect(sim.requests()).toHaveLength(0)
  })

  it('needs attention for a lead created without an id, and never posts it again', async () => {
    const { sim, delivery } = bench()
    sim.setVariants({ createResponse: 'empty' })
    const request = deliveryRequest(sim)

    const first = await delivery.deliver(request)
    const again = await (await bench().restart()).deliver(request)

    for (const outcome of [first, again]) {
      expect(outcome).toMatchObject({
        status: 'needs_attention',
        steps: { lead: { leadId: null } },
      })
      expect(outcome.error?.message).toContain(request.reference)
    }
    expect(sim.leads()).toHaveLength(1)
    expect(bench().requestsTo('POST', '/leads')).toBe(1)
  })

  it('gives up on unreadable answers after three, asking staff', async () => {
    const { sim, delivery } = bench()
    sim.addFault({ method: 'GET', path: '/leadinfos/:lead', fault: { type: 'malformed-json' } })
    const request = deliveryRequest(sim)

    const statuses = []
    for (let i = 0; i < 3; i += 1) statuses.push((await delivery.deliver(request)).status)

    expect(statuses).toEqual(['retry', 'retry', 'needs_attention'])
    expect(bench().requestsTo('POST', '/leads')).toBe(1)
  })

  it('waits without sending when the journal cannot be written', async () => {
    const { sim, delivery, journal } = bench()
    await journal.close()

    const outcome = await delivery.deliver(deliveryRequest(sim))

    expect(outcome).toMatchObject({ status: 'retry', error: { kind: 'storage' } })
    expect(sim.requests()).toHaveLength(0)
  })
})
