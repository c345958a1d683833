import type { KioskError } from './errors'

/**
 * The outbox entry model: what a visitor typed, what they consented to, where the lead goes,
 * and the record of its delivery. Pure data shared by main and renderer.
 */

export const entryStates = [
  'pending',
  'sending',
  'delivered',
  'needs_attention',
  'discarded',
] as const
export type EntryState = (typeof entryStates)[number]

export type Visitor = {
  firstName: string
  lastName: string
  email: string
  /** E.164, already normalised. */
  phone?: string
  postcode?: string
  /** What the visitor is interested in (model, new / used, ...). Free text. */
  interest?: string
  comment?: string
}

/** One of LeadCars' four per-contact GDPR flags. */
export type GdprFlag = 'gdpr1' | 'gdpr2' | 'gdpr3' | 'gdpr4'

/** Evidence of one consent as the visitor answered it. */
export type ConsentRecord = {
  /** The consent definition's id in settings (`processing`, `marketing`, ...). */
  id: string
  flag: GdprFlag
  granted: boolean
  /** SHA-256 (hex) of the exact text shown. */
  textHash: string
  textVersion: string
  language: string
  /** ISO 8601 time of the answer. */
  at: string
}

/** Where the lead goes, fixed at capture time. */
export type Routing = {
  dealerId: number
  siteId?: number
  campaignCode?: string
  leadTypeId: number
}

export const stepNames = ['lead', 'contact', 'gdpr', 'journey'] as const
export type StepName = (typeof stepNames)[number]

/**
 * The finished steps of a delivery with what LeadCars returned. A step present here is never
 * sent again. `lead.leadId` is null when LeadCars answered 2xx with no readable id
 * (created-without-id): the lead exists, and staff must look it up.
 */
export type StepRecord = {
  lead?: { leadId: number | null; at: string }
  contact?: { contactId: number; at: string }
  gdpr?: { at: string }
  journey?: { at: string; outcome: 'added' | 'already_in' | 'already_done' }
}

/** What the renderer asks main to deliver: one entry, everything needed for every step. */
export type DeliveryRequest = {
  reference: string
  visitor: Visitor
  consents: ConsentRecord[]
  routing: Routing
  language: string
  capturedAt: string
  /** The steps the outbox already knows to be done. */
  steps: StepRecord
}

export type DeliveryStatus = 'delivered' | 'retry' | 'needs_attention' | 'paused' | 'busy'

export type DeliveryOutcome = {
  reference: string
  status: DeliveryStatus
  /** All finished steps after this attempt (the outbox stores this). */
  steps: StepRecord
  error?: KioskError
  /** Ambiguous attempts of this entry so far (requests whose answer never came). */
  ambiguousRetries: number
}
