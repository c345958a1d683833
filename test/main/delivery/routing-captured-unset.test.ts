import { describe, expect, it } from 'vitest'
import { deliveryRequest } from '../leadcars/fixtures'
import { useBench } from './fixtures'

/**
 * Defect: an entry captured before staff chose the dealer and lead type (routing ids 0) was
 * stuck in needs attention forever. What it lacks is now taken from the configured routing.
 */

describe('routing-captured-unset: routing missing at capture comes from the settings', () => {
  const bench = useBench()
  const unset = { dealerId: 0, leadTypeId: 0 }

  it('delivers an entry captured with no routing once staff configure it', async () => {
    const { sim, delivery, hooks } = bench()
    const request = deliveryRequest(sim, { routing: unset })

    const before = await delivery.deliver(request)
    const { dealerId, siteId, campaignCode, showroomLeadTypeId: leadTypeId } = sim.reference
    hooks.settings = { ...hooks.settings, routing: { dealerId, siteId, campaignCode, leadTypeId } }
    const after = await delivery.deliver(request)

    expect(before).toMatchObject({ status: 'needs_attention', error: { kind: 'config' } })
    expect(after.status).toBe('delivered')
    expect(sim.leads()[0]?.body).toMatchObject({
      concesionario: dealerId,
      tipo_lead: leadTypeId,
      sede: siteId,
      campana: campaignCode,
    })
  })

  it('keeps the routing an entry captured over the configured one', async () => {
    const { sim, delivery, hooks } = bench()
    hooks.settings = { ...hooks.settings, routing: { dealerId: 999_999, leadTypeId: 999_998 } }

    const outcome = await delivery.deliver(deliveryRequest(sim))

    expect(outcome.status).toBe('delivered')
    expect(sim.leads()[0]?.body).toMatchObject({
      concesionario: sim.reference.dealerId,
      tipo_lead: sim.reference.showroomLeadTypeId,
    })
  })

  it('still needs attention when neither the entry nor the settings name a lead type', async () => {
    const { sim, delivery, hooks } = bench()
    hooks.settings = { ...hooks.settings, routing: { dealerId: sim.reference.dealerId } }

    const outcome = await delivery.deliver(deliveryRequest(sim, { routing: unset }))

    expect(outcome).toMatchObject({ status: 'needs_attention', error: { kind: 'config' } })
    expect(outcome.error?.message).toContain('lead type')
    expect(sim.leads()).toHaveLength(0)
  })
})
