import { describe, expect, it } from 'vitest'
import { deliveryRequest } from '../leadcars/fixtures'
import { useBench, type Bench } from './fixtures'

function enableJourney(bench: Bench, journeyId?: number): void {
  bench.hooks.settings = { ...bench.hooks.settings, automagic: { enabled: true, journeyId } }
}

describe('delivery with an Automagic journey', () => {
  const bench = useBench()

  it('adds the lead to the journey as the last step', async () => {
    const { sim, delivery } = bench()
    enableJourney(bench(), sim.reference.journeyId)

    const outcome = await delivery.deliver(deliveryRequest(sim))

    expect(outcome).toMatchObject({ status: 'delivered', steps: { journey: { outcome: 'added' } } })
    expect(sim.journeyMemberships()).toEqual([
      { leadId: outcome.steps.lead?.leadId, journeyId: sim.reference.journeyId, state: 'in' },
    ])
  })

  it.each([
    [409, 'already_done'],
    [400, 'already_in'],
  ] as const)('counts %i as done (%s)', async (status, expected) => {
    const { sim, delivery } = bench()
    enableJourney(bench(), sim.reference.journeyId)
    const path = '/journeys/generate-lead-journey'
    sim.addFault({ method: 'POST', path, times: 1, fault: { type: 'status', status } })

    const outcome = await delivery.deliver(deliveryRequest(sim))

    expect(outcome).toMatchObject({
      status: 'delivered',
      steps: { journey: { outcome: expected } },
    })
  })

  it('needs attention for an unknown journey (404), keeping the steps done', async () => {
    const { sim, delivery } = bench()
    enableJourney(bench(), 987_654)

    const outcome = await delivery.deliver(deliveryRequest(sim))

    expect(outcome).toMatchObject({
      status: 'needs_attention',
      error: { kind: 'rejected', status: 404 },
    })
    expect(Object.keys(outcome.steps).sort()).toEqual(['contact', 'gdpr', 'lead'])
  })

  it('needs attention (config) with no journey chosen or no Automagic credentials', async () => {
    const { sim, delivery } = bench()
    enableJourney(bench())
    const noJourney = await delivery.deliver(deliveryRequest(sim))
    enableJourney(bench(), sim.reference.journeyId)
    const noCredentials = await bench()
      .withClient({ automagic: () => null })
      .deliver(deliveryRequest(sim))

    expect(noJourney).toMatchObject({ status: 'needs_attention', error: { kind: 'config' } })
    expect(noCredentials).toMatchObject({ status: 'needs_attention', error: { kind: 'config' } })
    expect(sim.journeyMemberships()).toHaveLength(0)
  })

  it('resumes at the journey after staff fix it, creating nothing again', async () => {
    const { sim, delivery } = bench()
    enableJourney(bench(), 987_654)
    const request = deliveryRequest(sim)
    const first = await delivery.deliver(request)
    enableJourney(bench(), sim.reference.journeyId)

    const fixed = await delivery.deliver(request)

    expect(first.status).toBe('needs_attention')
    expect(fixed).toMatchObject({ status: 'delivered', steps: { journey: { outcome: 'added' } } })
    expect(bench().requestsTo('POST', '/leads')).toBe(1)
    expect(bench().requestsTo('PUT', '/gdprs/:contact')).toBe(1)
  })
})
