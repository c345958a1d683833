import { describe, expect, it } from 'vitest'
import type { SimulatorVariants } from '../../../src/main/simulator'
import { call, createLead, useSimulator, validLead } from './helpers'

describe('POST /leads', () => {
  const sim = useSimulator()

  it('stores a valid lead with its body, contact and dynamic fields from custom', async () => {
    const body = validLead(sim(), { custom: { kiosk_ref: 'ref-1', consent_marketing: 'granted' } })

    const response = await call(sim(), '/leads', { method: 'POST', body })

    expect(response.status).toBe(201)
    const [lead] = sim().leads()
    expect(lead?.body).toEqual(body)
    expect(lead?.dynamic).toEqual({ kiosk_ref: 'ref-1', consent_marketing: 'granted' })
    expect(Date.parse(lead?.createdAt ?? '')).not.toBeNaN()
    const [contact] = sim().contacts()
    expect(contact).toMatchObject({ id: lead?.contactId, email: body.email, gdpr: null })
  })

  it('reads dynamic fields from the root in root mode, and not from custom', async () => {
    sim().setVariants({ dynamicFields: 'root' })
    const body = validLead(sim(), { kiosk_ref: 'ref-2', kiosk_captured_at: '2026-12-01T10:00:00Z' })

    await call(sim(), '/leads', { method: 'POST', body })

    expect(sim().leads()[0]?.dynamic).toEqual({
      kiosk_ref: 'ref-2',
      kiosk_captured_at: '2026-12-01T10:00:00Z',
    })
  })

  it('ignores root extras in custom mode', async () => {
    await call(sim(), '/leads', {
      method: 'POST',
      body: validLead(sim(), { kiosk_ref: 'root', custom: undefined }),
    })

    expect(sim().leads()[0]?.dynamic).toEqual({})
  })

  it('shares one contact between leads of a dealer with the same email', async () => {
    await createLead(sim(), { email: 'Repite@Example.com' })
    await createLead(sim(), { email: 'repite@example.com' })
    await createLead(sim(), { email: 'otra@example.com' })

    const [first, second, third] = sim().leads()
    expect(first?.contactId).toBe(second?.contactId)
    expect(third?.contactId).not.toBe(first?.contactId)
    expect(sim().contacts()).toHaveLength(2)
  })

  it('hands out snapshots that callers cannot change', async () => {
    await createLead(sim())
    const snapshot = sim().leads()[0]
    if (snapshot) snapshot.body.nombre = 'Cambiado'

    expect(sim().leads()[0]?.body.nombre).toBe('Lucía')
  })
})

type Case = {
  createResponse: SimulatorVariants['createResponse']
  read: (body: unknown) => unknown
}

const createCases: Case[] = [
  { createResponse: 'id', read: (body) => (body as { id: number }).id },
  { createResponse: 'lead_id', read: (body) => (body as { lead_id: number }).lead_id },
  { createResponse: 'data.id', read: (body) => (body as { data: { id: number } }).data.id },
  {
    createResponse: 'data.lead_id',
    read: (body) => (body as { data: { lead_id: number } }).data.lead_id,
  },
]

describe('the create answer', () => {
  const sim = useSimulator()

  it.each(createCases)('carries the id as $createResponse', async ({ createResponse, read }) => {
    sim().setVariants({ createResponse, createStatus: 200 })

    const response = await call(sim(), '/leads', { method: 'POST', body: validLead(sim()) })

    expect(response.status).toBe(200)
    expect(read(await response.json())).toBe(sim().leads()[0]?.id)
  })

  it('carries only a text reference as referencia', async () => {
    sim().setVariants({ createResponse: 'referencia' })

    const response = await call(sim(), '/leads', { method: 'POST', body: validLead(sim()) })

    const body = (await response.json()) as Record<string, unknown>
    expect(response.status).toBe(201)
    expect(body.referencia).toBe(`LC-${sim().leads()[0]?.id}`)
    expect(body).not.toHaveProperty('id')
  })

  it('is a 201 with an empty body as empty, and the lead exists', async () => {
    sim().setVariants({ createResponse: 'empty' })

    const response = await call(sim(), '/leads', { method: 'POST', body: validLead(sim()) })

    expect(response.status).toBe(201)
    expect(await response.text()).toBe('')
    expect(sim().leads()).toHaveLength(1)
  })
})

describe('GET /leadinfos/{lead}', () => {
  const sim = useSimulator()

  it('answers the manual shape with the contact id', async () => {
    const id = await createLead(sim())

    const response = await call(sim(), `/leadinfos/${id}`)

    expect(response.status).toBe(200)
    const info = (await response.json()) as Record<string, unknown>
    expect(info).toMatchObject({
      id,
      planning: { calls: 0, visits: 0 },
      dealer: { dealer: 'Concesionario DEMO', shop: 'Exposición Central' },
      campaign: { code: 'LIQUIDACIÓN VN NOVIEMBRE' },
      status: { name: 'Sin Estado' },
      type: { name: 'OFFLINE - Paso de exposición' },
      lead: {
        email: 'lucia.fernandez@example.com',
        name: 'Lucía',
        phone: '+34612345678',
        postal_code: '28051',
      },
      contact: { data: { id: sim().leads()[0]?.contactId, gdpr: { gdpr1: false } } },
    })
    expect(info.date_entry).toMatchObject({ timezone_type: 3, timezone: 'Europe/Madrid' })
    expect((info.date_entry as { date: string }).date).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.000000$/,
    )
    const actions = (info.actions as { data: { type: string; date: string }[] }).data
    expect(actions[0]?.type).toBe('entrada_lead')
    expect(actions[0]?.date).toMatch(/T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/)
  })

  it('answers 404 for an unknown or non-numeric lead', async () => {
    const unknown = await call(sim(), '/leadinfos/123')
    const text = await call(sim(), '/leadinfos/abc')

    expect([unknown.status, text.status]).toEqual([404, 404])
    expect(await unknown.text()).toContain('123')
  })
})
