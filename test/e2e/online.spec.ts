import { expect, test } from './fixtures'
import { captureVisitor, entryStates, lucia, openSyncStatus } from './visitor'

test('a visitor typed at the kiosk becomes one showroom lead at LeadCars', async ({
  page,
  kiosk,
}) => {
  const { sim } = kiosk
  await page.goto(kiosk.host.url)

  await captureVisitor(page, lucia, { marketing: true, brand: false })

  await expect.poll(() => sim.contacts()[0]?.gdpr ?? null, { timeout: 20_000 }).not.toBeNull()
  const leads = sim.leads()
  expect(leads).toHaveLength(1)
  const lead = leads[0]!
  expect(lead.body).toMatchObject({
    nombre: 'Lucía',
    apellidos: 'Fernández Muñoz',
    email: 'lucia.fernandez@example.es',
    telefono: '+34612345678',
    cp: '28013',
    concesionario: sim.reference.dealerId,
    sede: sim.reference.siteId,
    tipo_lead: sim.reference.showroomLeadTypeId,
    campana: sim.reference.campaignCode,
  })
  expect(lead.dynamic.kiosk_ref).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/))
  const contact = sim.contacts().find((candidate) => candidate.id === lead.contactId)
  expect(contact?.gdpr).toEqual({ gdpr1: true, gdpr2: true, gdpr3: false, gdpr4: false })

  await openSyncStatus(page)
  await expect.poll(() => entryStates(page)).toEqual(['delivered'])
  await expect(page.getByTestId('entry-row')).not.toContainText('Lucía')
})
