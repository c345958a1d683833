import { describe, expect, it } from 'vitest'
import { call, useSimulator, validLead } from './helpers'
import { errorShapes, messageIn } from './error-shapes'

/** A change to a valid lead that makes it invalid, and the field the message must name. */
const invalidLeads: { change: Record<string, unknown>; field: string }[] = [
  { change: { nombre: undefined }, field: 'nombre' },
  { change: { nombre: '   ' }, field: 'nombre' },
  { change: { apellidos: undefined }, field: 'apellidos' },
  { change: { apellidos: 42 }, field: 'apellidos' },
  { change: { email: undefined }, field: 'email' },
  { change: { email: 'lucia.example.com' }, field: 'email' },
  { change: { email: 'lucia@example' }, field: 'email' },
  { change: { concesionario: undefined }, field: 'concesionario' },
  { change: { concesionario: 999 }, field: 'concesionario' },
  { change: { concesionario: 'uno' }, field: 'concesionario' },
  { change: { tipo_lead: undefined }, field: 'tipo_lead' },
  { change: { tipo_lead: '9999' }, field: 'tipo_lead' },
  { change: { telefono: '612345678' }, field: 'telefono' },
  { change: { movil: '+34 612 345 678' }, field: 'movil' },
  { change: { sede: 201 }, field: 'sede' },
  { change: { campana: 'NO EXISTE' }, field: 'campana' },
  { change: { campana: 'PRIMAVERA 2026' }, field: 'campana' },
  { change: { url_origen: 'www.concesionario.example' }, field: 'url_origen' },
  { change: { custom: { 'kiosk ref': 'x' } }, field: 'kiosk ref' },
  { change: { custom: { 'consent-1': 'granted' } }, field: 'consent-1' },
  { change: { custom: { kiosk_meta: { a: 1 } } }, field: 'kiosk_meta' },
]

describe.each(errorShapes.map((shape, index) => ({ shape, status: index % 2 ? 400 : 422 })))(
  'a rejected lead with errorShape $shape and status $status',
  ({ shape, status }) => {
    const sim = useSimulator({
      variants: { errorShape: shape, validationStatus: status as 400 | 422 },
    })

    it.each(invalidLeads)('names $field', async ({ change, field }) => {
      const response = await call(sim(), '/leads', {
        method: 'POST',
        body: validLead(sim(), change),
      })

      expect(response.status).toBe(status)
      expect(await messageIn(response, shape)).toContain(field)
      expect(sim().leads()).toHaveLength(0)
    })
  },
)

describe('lead validation', () => {
  const sim = useSimulator()

  it('lists every problem of a body, one per field', async () => {
    sim().setVariants({ errorShape: 'errors' })
    const body = validLead(sim(), { nombre: '', email: 'x', telefono: '600' })

    const response = await call(sim(), '/leads', { method: 'POST', body })

    const { errors } = (await response.json()) as { errors: string[] }
    expect(errors).toHaveLength(3)
    expect(errors.join(' ')).toMatch(/nombre.*email.*telefono/)
  })

  it('accepts ids as numeric strings, null optional fields and codes with spaces and accents', async () => {
    const body = validLead(sim(), {
      concesionario: '1',
      sede: '101',
      tipo_lead: String(sim().reference.showroomLeadTypeId),
      campana: 'LIQUIDACIÓN VN NOVIEMBRE',
      telefono: null,
      movil: '+447911123456',
      url_origen: 'https://concesionario.example/kiosco?x=1',
      comentario: null,
    })

    const response = await call(sim(), '/leads', { method: 'POST', body })

    expect(response.status).toBe(201)
  })

  it('refuses a body that is not JSON with 400 whatever the validation status', async () => {
    const asText = await call(sim(), '/leads', {
      method: 'POST',
      body: JSON.stringify(validLead(sim())),
      headers: { 'content-type': 'text/plain' },
    })
    const broken = await call(sim(), '/leads', { method: 'POST', body: '{"nombre": "Lu' })
    const array = await call(sim(), '/leads', { method: 'POST', body: [validLead(sim())] })

    expect([asText.status, broken.status, array.status]).toEqual([400, 400, 400])
    expect(await asText.text()).toContain('application/json')
    expect(sim().leads()).toHaveLength(0)
  })

  it('in root mode checks the dynamic keys at the root and ignores custom', async () => {
    sim().setVariants({ dynamicFields: 'root' })

    const badKey = await call(sim(), '/leads', {
      method: 'POST',
      body: validLead(sim(), { 'ref kiosk': 'x' }),
    })
    const withCustom = await call(sim(), '/leads', {
      method: 'POST',
      body: validLead(sim(), { custom: { 'not checked': { deep: true } } }),
    })

    expect(badKey.status).toBe(422)
    expect(await badKey.text()).toContain('ref kiosk')
    expect(withCustom.status).toBe(201)
    expect(sim().leads()[0]?.dynamic).toEqual({})
  })

  it('refuses a custom that is not an object in custom mode', async () => {
    const response = await call(sim(), '/leads', {
      method: 'POST',
      body: validLead(sim(), { custom: 'kiosk_ref=1' }),
    })

    expect(response.status).toBe(422)
    expect(await response.text()).toContain('custom')
  })
})
