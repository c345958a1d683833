import { describe, expect, it } from 'vitest'
import { buildLeadPayload, excerpt, leadBody } from '../../../src/main/leadcars'
import { consent, deliveryRequest, personalValues, visitor } from './fixtures'

const reference = {
  dealerId: 4,
  siteId: 40,
  campaignCode: 'LIQUIDACIÓN VN',
  showroomLeadTypeId: 14,
}

describe('buildLeadPayload', () => {
  it('maps the visitor and the routing to the fields of POST /leads', () => {
    const request = deliveryRequest({ reference })

    const { fields } = buildLeadPayload(request, { dynamicFieldPlacement: 'custom' })

    expect(fields).toEqual({
      nombre: visitor.firstName,
      apellidos: visitor.lastName,
      email: visitor.email,
      telefono: '+34612345678',
      cp: '28051',
      comentario: 'Interés: SUV híbrido\nPrefiere llamada por la tarde',
      concesionario: 4,
      sede: 40,
      tipo_lead: 14,
      campana: 'LIQUIDACIÓN VN',
    })
    expect(
      leadBody(buildLeadPayload(request, { dynamicFieldPlacement: 'custom' })),
    ).not.toHaveProperty('url_origen')
  })

  it('leaves out the optional fields a visitor left empty', () => {
    const request = deliveryRequest(
      { reference: { ...reference, campaignCode: ' ' } },
      {
        visitor: { firstName: 'Ana', lastName: 'Ruiz', email: 'a@b.es', phone: '', comment: '  ' },
      },
    )

    const { fields } = buildLeadPayload(request, { dynamicFieldPlacement: 'custom' })

    expect(Object.keys(fields).sort()).toEqual(
      ['apellidos', 'concesionario', 'email', 'nombre', 'sede', 'tipo_lead'].sort(),
    )
  })

  it('adds the entry reference, capture time and consent evidence as dynamic fields', () => {
    const request = deliveryRequest({ reference })

    const { dynamic } = buildLeadPayload(request, { dynamicFieldPlacement: 'custom' })

    expect(dynamic).toMatchObject({
      kiosk_ref: request.reference,
      kiosk_captured_at: request.capturedAt,
      consent_processing: 'granted',
      consent_marketing: 'refused',
      consent_marketing_hash: 'a'.repeat(64),
      consent_marketing_version: '2026-01',
      consent_marketing_lang: 'es',
      consent_marketing_at: '2026-12-04T10:00:00.000Z',
    })
    expect(Object.keys(dynamic).every((key) => /^[A-Za-z0-9_]+$/.test(key))).toBe(true)
  })

  it('sanitises consent ids into keys, without two consents overwriting each other', () => {
    const consents = [consent('brand-share', 'gdpr3', true), consent('brand share', 'gdpr4', false)]
    const request = deliveryRequest({ reference }, { consents })

    const { dynamic } = buildLeadPayload(request, { dynamicFieldPlacement: 'custom' })

    expect(dynamic.consent_brand_share).toBe('granted')
    expect(dynamic.consent_brand_share_2).toBe('refused')
    expect(dynamic.consent_brand_share_2_lang).toBe('es')
  })

  it('places dynamic fields in custom (v2.5) or at the root (v2.4), as set', () => {
    const request = deliveryRequest({ reference })

    const custom = leadBody(buildLeadPayload(request, { dynamicFieldPlacement: 'custom' }))
    const root = leadBody(buildLeadPayload(request, { dynamicFieldPlacement: 'root' }))

    expect(custom).toMatchObject({ custom: { kiosk_ref: request.reference } })
    expect(custom).not.toHaveProperty('kiosk_ref')
    expect(root).toMatchObject({ kiosk_ref: request.reference, nombre: visitor.firstName })
    expect(root).not.toHaveProperty('custom')
  })
})

describe('excerpt', () => {
  it('is short, on one line, and holds no personal data', () => {
    const body = JSON.stringify({
      lead: { name: 'Zoraida', last_name: 'Quintanilla Berrocal', email: visitor.email },
      phone: '+34 612 345 678',
      note: 'x'.repeat(400),
    })

    const text = excerpt(`${body}\n\n`, personalValues)

    expect(text.length).toBeLessThanOrEqual(200)
    expect(text).not.toContain('\n')
    for (const value of personalValues) expect(text).not.toContain(value)
  })
})
