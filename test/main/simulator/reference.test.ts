import { describe, expect, it } from 'vitest'
import { call, useSimulator } from './helpers'

type Item = Record<string, unknown>

async function list(response: Response): Promise<Item[]> {
  return (await response.json()) as Item[]
}

describe('reference lists', () => {
  const sim = useSimulator()

  it('lists dealers, sites and campaigns of a dealer as bare arrays with lower-case keys', async () => {
    const { dealerId, siteId, campaignCode } = sim().reference

    const dealers = await list(await call(sim(), '/concesionarios'))
    const sites = await list(await call(sim(), `/sedes/${dealerId}`))
    const campaigns = await list(await call(sim(), `/campanas/${dealerId}`))

    expect(dealers.length).toBeGreaterThanOrEqual(2)
    expect(dealers).toContainEqual({ id: dealerId, nombre: 'Concesionario DEMO' })
    expect(sites.map((site) => site.id)).toContain(siteId)
    expect(sites.every((site) => site.concesionario === dealerId)).toBe(true)
    expect(campaigns.map((campaign) => campaign.codigo)).toContain(campaignCode)
    expect(campaigns.every((campaign) => typeof campaign.nombre === 'string')).toBe(true)
  })

  it('lists the lead types with NOMBRE in upper case and the showroom type', async () => {
    const types = await list(await call(sim(), '/tipos'))

    expect(types).toContainEqual({
      id: sim().reference.showroomLeadTypeId,
      NOMBRE: 'OFFLINE - PASO DE EXPOSICIÓN',
      VALOR: 'offline-paso-de-exposicion',
      custom: false,
    })
  })

  it('wraps lists in data and writes keys in upper case when set to', async () => {
    sim().setVariants({ listShape: 'wrapped', listCase: 'upper' })

    const dealers = (await (await call(sim(), '/concesionarios')).json()) as { data: Item[] }
    const campaigns = (await (await call(sim(), '/campanas/1')).json()) as { data: Item[] }
    const types = (await (await call(sim(), '/tipos')).json()) as { data: Item[] }

    expect(dealers.data).toContainEqual({ ID: 1, NOMBRE: 'Concesionario DEMO' })
    expect(Object.keys(campaigns.data[0] ?? {}).sort()).toEqual(['CODIGO', 'ID', 'NOMBRE'])
    expect(Object.keys(types.data[0] ?? {}).sort()).toEqual(['CUSTOM', 'ID', 'NOMBRE', 'VALOR'])
  })

  it('keeps each dealer to its own sites and campaigns', async () => {
    const sites = await list(await call(sim(), '/sedes/2'))
    const campaigns = await list(await call(sim(), '/campanas/2'))

    expect(sites.map((site) => site.id)).not.toContain(sim().reference.siteId)
    expect(campaigns.map((campaign) => campaign.codigo)).toEqual(['PRIMAVERA 2026'])
  })

  it('answers 404 for an unknown dealer and an unknown path', async () => {
    const statuses = await Promise.all(
      ['/sedes/99', '/campanas/abc', '/vehiculos'].map(
        async (path) => (await call(sim(), path)).status,
      ),
    )
    const unknown = await call(sim(), '/vehiculos')

    expect(statuses).toEqual([404, 404, 404])
    expect(await unknown.text()).toContain('/vehiculos')
  })

  it('answers 404 outside /api/v2 and 413 for a body over 1 MB', async () => {
    const outside = await fetch(`http://127.0.0.1:${sim().port}/api/v1/tipos`, {
      headers: { 'cliente-token': sim().token },
    })
    const huge = await call(sim(), '/leads', {
      method: 'POST',
      body: { nombre: 'x'.repeat(1024 * 1024 + 1) },
    })

    expect(outside.status).toBe(404)
    expect(huge.status).toBe(413)
    expect(sim().leads()).toHaveLength(0)
  })

  it('answers 405 with Allow for a known path and another method', async () => {
    const response = await call(sim(), '/tipos', { method: 'POST', body: {} })

    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET')
  })

  it('lists the lead states as a map of name to definition', async () => {
    const states = (await (await call(sim(), '/listStates')).json()) as Record<string, Item>

    expect(states['Sin Estado']).toMatchObject({ id: 1, fields: [] })
    expect(states.Perdido?.fields).toContainEqual(
      expect.objectContaining({ name: 'motivos', required: true }),
    )
  })
})
