import type { ConsentRecord, DeliveryRequest, StepName, StepRecord } from '../../shared/entry'
import type { KioskError, Result } from '../../shared/errors'
import { buildLeadPayload, type GdprFlags, type LeadCarsClient } from '../leadcars'
import type { DeliverySettings } from './types'

type Done<S extends StepName> = NonNullable<StepRecord[S]>

/** A step ready to send, or the reason it cannot be sent (staff must act). */
export type StepPlan<S extends StepName> =
  { send: () => Promise<Result<Done<S>>> } | { blocked: KioskError }

export type StepContext = {
  client: LeadCarsClient
  request: DeliveryRequest
  /** The steps known done so far (outbox and journal merged). */
  steps: StepRecord
  settings: DeliverySettings
  now: () => Date
}

/** The steps of one delivery, in order; the Automagic journey only when it is enabled. */
export function plannedSteps(settings: DeliverySettings): StepName[] {
  const base: StepName[] = ['lead', 'contact', 'gdpr']
  return settings.automagic.enabled ? [...base, 'journey'] : base
}

export function planStep(step: StepName, context: StepContext): StepPlan<StepName> {
  switch (step) {
    case 'lead':
      return planLead(context)
    case 'contact':
      return planContact(context)
    case 'gdpr':
      return planGdpr(context)
    case 'journey':
      return planJourney(context)
  }
}

function planLead({ client, request, settings, now }: StepContext): StepPlan<'lead'> {
  const payload = buildLeadPayload(request, settings)
  return {
    send: async () => {
      const created = await client.createLead(payload)
      return created.ok ? stamped({ leadId: created.value.leadId }, now) : created
    },
  }
}

function planContact(context: StepContext): StepPlan<'contact'> {
  const { client, now } = context
  const leadId = knownLeadId(context)
  if (typeof leadId !== 'number') return { blocked: leadId }
  return {
    send: async () => {
      const info = await client.getLeadInfo(leadId)
      return info.ok ? stamped({ contactId: info.value.contactId }, now) : info
    },
  }
}

function planGdpr({ client, request, steps, now }: StepContext): StepPlan<'gdpr'> {
  const contactId = steps.contact?.contactId
  if (contactId === undefined) return { blocked: missing('the LeadCars contact id') }
  return {
    send: async () => {
      const saved = await client.setGdpr(contactId, gdprFlags(request.consents))
      return saved.ok ? stamped({}, now) : saved
    },
  }
}

function planJourney(context: StepContext): StepPlan<'journey'> {
  const { client, settings, now } = context
  const leadId = knownLeadId(context)
  const journeyId = settings.automagic.journeyId
  if (typeof leadId !== 'number') return { blocked: leadId }
  if (journeyId === undefined) return { blocked: missing('an Automagic journey') }
  if (!client.hasAutomagic()) return { blocked: missing('Automagic credentials') }
  return {
    send: async () => {
      const added = await client.addLeadToJourney(leadId, journeyId)
      return added.ok ? stamped({ outcome: added.value.outcome }, now) : added
    },
  }
}

/**
 * A flag is granted only when every consent mapped to it was granted: a flag no consent maps
 * to, or one a visitor refused under any of its consents, is false.
 */
function gdprFlags(consents: ConsentRecord[]): GdprFlags {
  const flagOf = (flag: keyof GdprFlags) => {
    const mapped = consents.filter((consent) => consent.flag === flag)
    return mapped.length > 0 && mapped.every((consent) => consent.granted)
  }
  return {
    gdpr1: flagOf('gdpr1'),
    gdpr2: flagOf('gdpr2'),
    gdpr3: flagOf('gdpr3'),
    gdpr4: flagOf('gdpr4'),
  }
}

function knownLeadId({ request, steps }: StepContext): number | KioskError {
  const lead = steps.lead
  if (!lead) return missing('the LeadCars lead id')
  if (lead.leadId !== null) return lead.leadId
  return {
    kind: 'malformed',
    message:
      'LeadCars created the lead but sent no readable id. Find it in LeadCars by the field ' +
      `kiosk_ref = ${request.reference}; it must not be sent again.`,
  }
}

/**
 * Whether a failed step may still have taken effect at LeadCars, so that its started marker
 * stays open and sending it again counts as an ambiguous retry. For the lead, only a refusal
 * proves nothing was stored: a 4xx, or a failure before any answer that is not ambiguous
 * (refused, DNS, TLS, no token). A redirect, a 5xx from a gateway or a web page on a 2xx may
 * come after the lead was stored. Other steps repeat harmlessly: only `ambiguous` counts.
 */
export function mayHaveStored(step: StepName, error: KioskError): boolean {
  if (error.kind === 'ambiguous') return true
  if (step !== 'lead') return false
  if (error.status !== undefined) return error.status < 400 || error.status >= 500
  // Only a failure read from an answer carries an excerpt: here, a redirect or a web page.
  return error.excerpt !== undefined
}

function missing(what: string): KioskError {
  return { kind: 'config', message: `Delivery cannot go on without ${what}` }
}

function stamped<T extends object>(value: T, now: () => Date): Result<T & { at: string }> {
  return { ok: true, value: { ...value, at: now().toISOString() } }
}
