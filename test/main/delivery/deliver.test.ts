import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { consent, deliveryRequest, personalValues } from '../leadcars/fixtures'
import { useBench } from './fixtures'

describe('delivery of one entry', () => {
  const bench = useBench()

  it('creates one lead with the right fields and sets the four flags of its contact', async () => {
    const { sim, delivery, journal } = bench()
    const request = deliveryRequest(sim)

    const outcome = await delivery.deliver(request)

    const [lead] = sim.leads()
    expect(sim.leads()).toHaveLength(1)
    expect(lead?.body).toMatchObject({
      nombre: 'Zoraida',
      apellidos: 'Quintanilla Berrocal',
      email: 'zoraida.quintanilla@example.com',
      telefono: '+34612345678',
      tipo_lead: sim.reference.showroomLeadTypeId,
      concesionario: sim.reference.dealerId,
      sede: sim.reference.siteId,
      campana: sim.reference.campaignCode,
    })
    expect(lead?.body.custom).toMatchObject({ kiosk_ref: request.reference })
    expect(lead?.dynamic.kiosk_ref).toBe(request.reference)
    expect(sim.contacts()[0]?.gdpr).toEqual({
      gdpr1: true,
      gdpr2: false,
      gdpr3: true,
      gdpr4: false,
    })
    expect(outcome).toMatchObject({
      reference: request.reference,
      status: 'delivered',
      ambiguousRetries: 0,
      steps: { lead: { leadId: lead?.id }, contact: { contactId: lead?.contactId }, gdpr: {} },
    })
    expect(outcome.error).toBeUndefined()
    expect(journal.get(request.reference)?.state).toBe('delivered')
    expect(bench().hooks.reachability).toEqual([true, true, true])
  })

  it('puts dynamic fields at the root when set to (v2.4 servers)', async () => {
    const { sim, delivery, hooks } = bench()
    sim.setVariants({ dynamicFields: 'root' })
    hooks.settings = { ...hooks.settings, dynamicFieldPlacement: 'root' }
    const request = deliveryRequest(sim)

    expect((await delivery.deliver(request)).status).toBe('delivered')

    const [lead] = sim.leads()
    expect(lead?.body.kiosk_ref).toBe(request.reference)
    expect(lead?.body).not.toHaveProperty('custom')
    expect(lead?.dynamic.kiosk_ref).toBe(request.reference)
  })

  it('keeps no personal data in the journal', async () => {
    const { sim, delivery, journalPath } = bench()

    await delivery.deliver(deliveryRequest(sim))

    const text = await readFile(journalPath, 'utf8')
    expect(text.length).toBeGreaterThan(0)
    for (const value of personalValues) expect(text).not.toContain(value)
  })

  it('double-tap-and-resend: a delivered entry sent again makes no second lead', async () => {
    const { sim, delivery } = bench()
    const request = deliveryRequest(sim)

    const first = await delivery.deliver(request)
    const again = await delivery.deliver(request)
    const outbox = await bench().restart({ journalFile: 'lost-journal.jsonl' })
    const fromOutboxOnly = await outbox.deliver({ ...request, steps: first.steps })

    expect([first.status, again.status, fromOutboxOnly.status]).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ])
    expect(sim.leads()).toHaveLength(1)
    expect(bench().requestsTo('POST', '/leads')).toBe(1)
    expect(bench().requestsTo('PUT', '/gdprs/:contact')).toBe(1)
  })

  it('one-delivery-in-flight: concurrent calls send an entry once, the rest are busy', async () => {
    const { sim, delivery } = bench()
    sim.addFault({ method: 'POST', path: '/leads', times: 1, fault: { type: 'delay', ms: 300 } })
    const request = deliveryRequest(sim)

    const outcomes = await Promise.all([
      delivery.deliver(request),
      delivery.deliver(request),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => delivery.deliver(request)),
      new Promise((resolve) => setTimeout(resolve, 100)).then(() =>
        delivery.deliver({ ...request }),
      ),
    ])

    expect(outcomes[0]?.status).toBe('delivered')
    expect(outcomes[1]?.status).toBe('busy')
    expect(outcomes.every((o) => o.status === 'busy' || o.status === 'delivered')).toBe(true)
    expect(bench().requestsTo('POST', '/leads')).toBe(1)
    expect(bench().requestsTo('GET', '/leadinfos/:lead')).toBe(1)
    expect(bench().requestsTo('PUT', '/gdprs/:contact')).toBe(1)
  })

  it('grants a flag only when every consent mapped to it was granted', async () => {
    const { sim, delivery } = bench()
    const consents = [
      consent('processing', 'gdpr1', true),
      consent('marketing-email', 'gdpr2', true),
      consent('marketing-phone', 'gdpr2', false),
      consent('brand', 'gdpr4', true),
    ]

    await delivery.deliver(deliveryRequest(sim, { consents }))

    expect(sim.contacts()[0]?.gdpr).toEqual({
      gdpr1: true,
      gdpr2: false,
      gdpr3: false,
      gdpr4: true,
    })
  })

  it('delivers different entries side by side', async () => {
    const { sim, delivery } = bench()

    const outcomes = await Promise.all([1, 2, 3].map(() => delivery.deliver(deliveryRequest(sim))))

    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'delivered', 'delivered'])
    expect(new Set(sim.leads().map((lead) => lead.dynamic.kiosk_ref)).size).toBe(3)
  })
})
