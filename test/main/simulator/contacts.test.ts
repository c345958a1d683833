import { describe, expect, it } from 'vitest'
import { call, createLead, useSimulator } from './helpers'

const allFour = { gdpr1: true, gdpr2: false, gdpr3: true, gdpr4: true }

describe('PUT /gdprs/{contact}', () => {
  const sim = useSimulator()

  async function contactId(): Promise<number> {
    await createLead(sim())
    return sim().leads()[0]?.contactId ?? 0
  }

  it('stores the four flags of the contact', async () => {
    const id = await contactId()

    const response = await call(sim(), `/gdprs/${id}`, { method: 'PUT', body: allFour })

    expect(response.status).toBe(200)
    const [contact] = sim().contacts()
    expect(contact?.gdpr).toEqual(allFour)
    expect(Date.parse(contact?.gdprAt ?? '')).not.toBeNaN()
  })

  it.each([
    { body: { gdpr1: true, gdpr2: false, gdpr3: true }, field: 'gdpr4' },
    { body: { ...allFour, gdpr2: 'false' }, field: 'gdpr2' },
    { body: { ...allFour, gdpr1: 1 }, field: 'gdpr1' },
    { body: { ...allFour, gdpr3: null }, field: 'gdpr3' },
  ])('refuses a body without a boolean $field', async ({ body, field }) => {
    const id = await contactId()

    const response = await call(sim(), `/gdprs/${id}`, { method: 'PUT', body })

    expect(response.status).toBe(422)
    expect(await response.text()).toContain(field)
    expect(sim().contacts()[0]?.gdpr).toBeNull()
  })

  it('answers 404 for an unknown contact', async () => {
    const response = await call(sim(), '/gdprs/5', { method: 'PUT', body: allFour })

    expect(response.status).toBe(404)
  })

  it('shows three flags on GET /contacts and in leadinfos, as reads in the manual do', async () => {
    const id = await contactId()
    await call(sim(), `/gdprs/${id}`, { method: 'PUT', body: allFour })

    const contact = (await (await call(sim(), `/contacts/${id}`)).json()) as Record<string, unknown>
    const info = (await (await call(sim(), `/leadinfos/${sim().leads()[0]?.id}`)).json()) as {
      contact: { data: { gdpr: Record<string, unknown> } }
    }

    expect(contact).toMatchObject({ id, email: 'lucia.fernandez@example.com', name: 'Lucía' })
    expect(contact.gdpr).toMatchObject({ gdpr1: true, gdpr2: false, gdpr3: true })
    expect(contact.gdpr).not.toHaveProperty('gdpr4')
    expect(contact.gdpr).toMatchObject({ date_check_gdpr: { timezone: 'Europe/Madrid' } })
    expect(info.contact.data.gdpr).toMatchObject({ gdpr1: true, gdpr3: true })
  })

  it('answers 404 on GET /contacts for an unknown contact', async () => {
    expect((await call(sim(), '/contacts/77')).status).toBe(404)
  })
})
