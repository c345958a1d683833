import { describe, expect, it } from 'vitest'
import { clientFor, createOne, unwrap, useSimulator } from './fixtures'

describe('LeadCars client: Automagic journeys', () => {
  const sim = useSimulator()

  it('lists journeys and adds a lead: 201 added, then 400 already in', async () => {
    const client = clientFor(sim())
    const { leadId } = await createOne(sim(), client)
    const { journeyId } = sim().reference

    const journeys = unwrap(await client.listJourneys())
    const first = unwrap(await client.addLeadToJourney(leadId ?? 0, journeyId))
    const second = unwrap(await client.addLeadToJourney(leadId ?? 0, journeyId))
    const memberships = unwrap(await client.getLeadJourneys(leadId ?? 0))

    expect(journeys.map((journey) => journey.id)).toContain(journeyId)
    expect(first.outcome).toBe('added')
    expect(first.leadJourneyId).toEqual(expect.any(Number))
    expect(second.outcome).toBe('already_in')
    expect(memberships.map((journey) => journey.id)).toEqual([journeyId])
  })

  it('answers already_done (409) for a journey the lead went through', async () => {
    const client = clientFor(sim())
    const { leadId } = await createOne(sim(), client)
    const { instantJourneyId } = sim().reference

    const first = unwrap(await client.addLeadToJourney(leadId ?? 0, instantJourneyId))
    const second = unwrap(await client.addLeadToJourney(leadId ?? 0, instantJourneyId))

    expect([first.outcome, second.outcome]).toEqual(['added', 'already_done'])
  })

  it('answers rejected for an unknown journey (404) and auth for wrong credentials', async () => {
    const { leadId } = await createOne(sim(), clientFor(sim()))
    const wrong = clientFor(sim(), { automagic: () => ({ user: 'x@y.z', token: 'nope' }) })

    const unknown = await clientFor(sim()).addLeadToJourney(leadId ?? 0, 987_654)
    const refused = await wrong.listJourneys()

    expect(unknown).toMatchObject({ ok: false, error: { kind: 'rejected', status: 404 } })
    expect(refused).toMatchObject({ ok: false, error: { kind: 'auth' } })
  })

  it('answers config, sending nothing, when Automagic credentials are missing', async () => {
    const client = clientFor(sim(), { automagic: () => null })

    expect(client.hasAutomagic()).toBe(false)
    expect(await client.listJourneys()).toMatchObject({ ok: false, error: { kind: 'config' } })
    expect(sim().requests()).toHaveLength(0)
  })
})
