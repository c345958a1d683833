import { describe, expect, it } from 'vitest'
import type { SimulatorVariants } from '../../../src/main/simulator'
import { clientAt, clientFor, createOne, startRecorder, unwrap, useSimulator } from './fixtures'

describe('LeadCars client: reference lists', () => {
  const sim = useSimulator()
  const shapes: Partial<SimulatorVariants>[] = [
    { listShape: 'array', listCase: 'lower' },
    { listShape: 'wrapped', listCase: 'lower' },
    { listShape: 'array', listCase: 'upper' },
    { listShape: 'wrapped', listCase: 'upper' },
  ]

  it.each(shapes)('reads every list as %o', async (variants) => {
    sim().setVariants(variants)
    const client = clientFor(sim())
    const { dealerId, siteId, campaignCode, showroomLeadTypeId } = sim().reference

    const dealers = unwrap(await client.listDealers())
    const sites = unwrap(await client.listSites(dealerId))
    const campaigns = unwrap(await client.listCampaigns(dealerId))
    const leadTypes = unwrap(await client.listLeadTypes())

    expect(dealers.map((d) => d.id)).toContain(dealerId)
    expect(dealers.every((d) => d.name.length > 0 && d.name !== String(d.id))).toBe(true)
    expect(sites.map((s) => s.id)).toContain(siteId)
    expect(campaigns.map((c) => c.code)).toContain(campaignCode)
    const showroom = leadTypes.find((type) => type.id === showroomLeadTypeId)
    expect(showroom?.name).toMatch(/exposici/i)
  })

  it('reads the lead states of v2.5', async () => {
    const states = unwrap(await clientFor(sim()).listStates())

    expect(states.length).toBeGreaterThan(1)
    expect(states.every((state) => state.id > 0 && state.name.length > 0)).toBe(true)
  })
})

describe('LeadCars client: a lead and its contact', () => {
  const sim = useSimulator()
  const idVariants = ['id', 'lead_id', 'data.id', 'data.lead_id'] as const

  it.each(idVariants)('reads the new lead id from %s', async (createResponse) => {
    sim().setVariants({ createResponse, createStatus: 200 })

    const created = await createOne(sim(), clientFor(sim()))

    expect(sim().leads()).toHaveLength(1)
    expect(created.leadId).toBe(sim().leads()[0]?.id)
  })

  it.each(['empty', 'referencia'] as const)(
    'answers created-without-id for a 2xx with %s',
    async (createResponse) => {
      sim().setVariants({ createResponse })

      const created = await createOne(sim(), clientFor(sim()))

      expect(created.leadId).toBeNull()
      expect(sim().leads()).toHaveLength(1)
      if (createResponse === 'referencia') expect(created.referencia).toMatch(/\S/)
    },
  )

  it('sends ids as numbers and reads the contact of the lead', async () => {
    const client = clientFor(sim())
    const { leadId } = await createOne(sim(), client)
    const info = unwrap(await client.getLeadInfo(leadId ?? 0))

    const lead = sim().leads()[0]
    expect(typeof lead?.body.concesionario).toBe('number')
    expect(typeof lead?.body.tipo_lead).toBe('number')
    expect(info.contactId).toBe(lead?.contactId)
    expect(info.leadId).toBe(leadId)
  })

  it('sets the four consent flags and reads them back from the contact', async () => {
    const client = clientFor(sim())
    const { leadId } = await createOne(sim(), client)
    const { contactId } = unwrap(await client.getLeadInfo(leadId ?? 0))
    const flags = { gdpr1: true, gdpr2: false, gdpr3: true, gdpr4: true }

    unwrap(await client.setGdpr(contactId, flags))
    const contact = unwrap(await client.getContact(contactId))

    expect(sim().contacts()[0]?.gdpr).toEqual(flags)
    expect(contact.id).toBe(contactId)
    expect(contact.gdpr).toMatchObject({ gdpr1: true, gdpr2: false, gdpr3: true })
  })

  it('edits a lead, adds a comment and a chat conversation', async () => {
    const client = clientFor(sim())
    const { leadId } = await createOne(sim(), client)
    const id = leadId ?? 0
    const chat = {
      chat_id: 'chat-1',
      users: [{ _id: 'u1', visitor: { name: 'Visitante', id: 'v1' } }],
      messages: [
        {
          _id: 'm1',
          message: { text: 'Hola', type: 'text' as const },
          created_at: '2026-12-04T10:00:00+01:00',
          user_sender: 'u1',
          interaction_type: 'welcome' as const,
        },
      ],
    }

    expect(await client.editLead(id, { comentario: 'Vuelve el sábado' })).toEqual({
      ok: true,
      value: true,
    })
    expect(await client.addComment(id, 'Probó el coche')).toEqual({ ok: true, value: true })
    expect(await client.addChatConversation(id, chat)).toEqual({ ok: true, value: true })
    const writes = sim()
      .requests()
      .filter((request) => request.path.startsWith('/leads/'))
    expect(writes).toHaveLength(3)
    expect(writes.every((request) => request.status !== null && request.status < 300)).toBe(true)
  })

  it('answers rejected for an unknown lead (404)', async () => {
    const info = await clientFor(sim()).getLeadInfo(999_999_999)

    expect(info).toMatchObject({ ok: false, error: { kind: 'rejected', status: 404 } })
  })

  it('refuses an id that is not a positive integer without sending anything', async () => {
    const info = await clientFor(sim()).getLeadInfo(-3)

    expect(info).toMatchObject({ ok: false, error: { kind: 'invalid_input' } })
    expect(sim().requests()).toHaveLength(0)
  })
})

describe('LeadCars client: headers', () => {
  it('sends cliente-token always, and api-user and api-token to Automagic', async () => {
    const recorder = await startRecorder((_, res) => res.end('{"data":[]}'))
    try {
      const client = clientAt(recorder.url, {
        token: () => 'T0KEN-T0KEN-T0KEN-20',
        automagic: () => ({ user: 'u@d.es', token: 'AM' }),
      })
      await client.listDealers()
      await client.listJourneys({ maxResults: 5, personalized: true })
      await client.addLeadToJourney(12, 33)

      expect(
        recorder.seen.every((seen) => seen.headers['cliente-token'] === 'T0KEN-T0KEN-T0KEN-20'),
      ).toBe(true)
      const [, list, add] = recorder.seen
      expect(list?.headers['api-user']).toBe('u@d.es')
      expect(list?.headers['api-token']).toBe('AM')
      expect(list?.url).toBe('/api/v2/journeys/list/summary?maxResults=5&personalized=true')
      expect(JSON.parse(add?.body ?? '')).toEqual({ lead_id: 12, journey_id: 33 })
      expect(recorder.seen[0]?.headers['api-token']).toBeUndefined()
    } finally {
      await recorder.close()
    }
  })

  it('answers config, sending nothing, when no token is set', async () => {
    const recorder = await startRecorder()
    try {
      const client = clientAt(recorder.url, { token: () => null })

      expect(client.hasToken()).toBe(false)
      expect(await client.listDealers()).toMatchObject({ ok: false, error: { kind: 'config' } })
      expect(recorder.seen).toHaveLength(0)
    } finally {
      await recorder.close()
    }
  })
})
