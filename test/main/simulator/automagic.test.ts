import { describe, expect, it } from 'vitest'
import { automagicHeaders, call, createLead, useSimulator } from './helpers'

describe('Automagic journeys', () => {
  const sim = useSimulator()

  function addToJourney(leadId: unknown, journeyId: unknown): Promise<Response> {
    return call(sim(), '/journeys/generate-lead-journey', {
      method: 'POST',
      headers: automagicHeaders(sim()),
      body: { lead_id: leadId, journey_id: journeyId },
    })
  }

  it('lists journeys with recordsTotal as a string, filtered and limited', async () => {
    const headers = automagicHeaders(sim())

    const all = (await (
      await call(sim(), '/journeys/list/summary?maxResults=25&personalized=', { headers })
    ).json()) as {
      recordsTotal: string
      data: { id: number; title: string }[]
    }
    const personal = (await (
      await call(sim(), '/journeys/list/summary?personalized=true', { headers })
    ).json()) as {
      recordsTotal: string
      data: unknown[]
    }
    const two = (await (
      await call(sim(), '/journeys/list/summary?maxResults=2', { headers })
    ).json()) as {
      data: unknown[]
    }

    expect(all.recordsTotal).toBe(String(all.data.length))
    expect(all.data.map((journey) => journey.id)).toContain(sim().reference.journeyId)
    expect(Number(personal.recordsTotal)).toBeLessThan(all.data.length)
    expect(personal.data).toHaveLength(Number(personal.recordsTotal))
    expect(two.data).toHaveLength(2)
  })

  it('adds a lead with 201, then answers 400 while it is in the journey', async () => {
    const leadId = await createLead(sim())
    const { journeyId } = sim().reference

    const first = await addToJourney(leadId, journeyId)
    const second = await addToJourney(String(leadId), String(journeyId))

    expect(first.status).toBe(201)
    expect(await first.json()).toMatchObject({
      message: expect.any(String),
      journey: journeyId,
      lead: leadId,
    })
    expect(second.status).toBe(400)
    expect(sim().journeyMemberships()).toEqual([{ leadId, journeyId, state: 'in' }])
  })

  it('answers 409 when the lead already went through the journey', async () => {
    const leadId = await createLead(sim())
    const { instantJourneyId } = sim().reference

    const first = await addToJourney(leadId, instantJourneyId)
    const second = await addToJourney(leadId, instantJourneyId)

    expect([first.status, second.status]).toEqual([201, 409])
    expect(sim().journeyMemberships()).toEqual([
      { leadId, journeyId: instantJourneyId, state: 'done' },
    ])
  })

  it('answers 404 for an unknown lead or journey, and 422 for missing ids', async () => {
    const leadId = await createLead(sim())

    const statuses = await Promise.all([
      addToJourney(999, sim().reference.journeyId),
      addToJourney(leadId, 999),
      addToJourney(undefined, sim().reference.journeyId),
    ])

    expect(statuses.map((response) => response.status)).toEqual([404, 404, 422])
  })

  it('shows the journeys of a lead', async () => {
    const leadId = await createLead(sim())
    await addToJourney(leadId, sim().reference.journeyId)
    await addToJourney(leadId, sim().reference.instantJourneyId)

    const response = await call(sim(), `/journeys/list/get-lead-journeys?lead_id=${leadId}`, {
      headers: automagicHeaders(sim()),
    })

    const body = (await response.json()) as {
      journeys: { id: number; step: string; personalized_journey: boolean }[]
    }
    expect(body.journeys).toEqual([
      expect.objectContaining({
        id: sim().reference.journeyId,
        step: 'init',
        personalized_journey: false,
      }),
      expect.objectContaining({ id: sim().reference.instantJourneyId, step: 'end' }),
    ])
  })

  it('refuses journey calls without Automagic credentials', async () => {
    const leadId = await createLead(sim())

    const response = await call(sim(), '/journeys/generate-lead-journey', {
      method: 'POST',
      body: { lead_id: leadId, journey_id: sim().reference.journeyId },
    })

    expect(response.status).toBe(401)
    expect(sim().journeyMemberships()).toEqual([])
  })
})
