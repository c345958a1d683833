import { createHash, randomUUID } from 'node:crypto'
import type { ConsentRecord, DeliveryRequest, Routing } from '../../src/shared/entry'

/**
 * A valid DeliveryRequest as the renderer's courier would send it, for tests that go through
 * the handlers or the development host. Routing defaults to the given simulator reference.
 */
export function sampleDeliveryRequest(
  routing: Routing,
  overrides: Partial<DeliveryRequest> = {},
): DeliveryRequest {
  const at = new Date().toISOString()
  return {
    reference: randomUUID(),
    visitor: {
      firstName: 'Lucía',
      lastName: 'Fernández-Ortiz',
      email: 'lucia.fernandez@example.es',
      phone: '+34612345678',
      postcode: '28001',
      interest: 'SUV híbrido',
      comment: 'Prefiero que me llamen por la tarde',
    },
    consents: [consent('processing', 'gdpr1', true, at), consent('marketing', 'gdpr2', false, at)],
    routing,
    language: 'es',
    capturedAt: at,
    steps: {},
    ...overrides,
  }
}

/** Routing to the simulator's built-in dealer, site, campaign and showroom lead type. */
export function simulatorRouting(reference: {
  dealerId: number
  siteId: number
  campaignCode: string
  showroomLeadTypeId: number
}): Routing {
  return {
    dealerId: reference.dealerId,
    siteId: reference.siteId,
    campaignCode: reference.campaignCode,
    leadTypeId: reference.showroomLeadTypeId,
  }
}

function consent(
  id: string,
  flag: ConsentRecord['flag'],
  granted: boolean,
  at: string,
): ConsentRecord {
  const text = `Texto del consentimiento ${id}`
  const textHash = createHash('sha256').update(text).digest('hex')
  return { id, flag, granted, textHash, textVersion: '1', language: 'es', at }
}
