import type { ConsentRecord, DeliveryRequest } from '../../shared/entry'
import type { DynamicFieldPlacement } from '../../shared/settings'

/** The standard fields of `POST /leads`, ids as numbers. */
export type LeadFields = {
  nombre: string
  apellidos: string
  email: string
  telefono?: string
  cp?: string
  comentario?: string
  concesionario: number
  sede?: number
  tipo_lead: number
  campana?: string
}

/** Dynamic fields: keys of letters, digits and underscores only, text values. */
export type DynamicFields = Record<string, string>

/** A lead ready to send: where its dynamic fields go is part of it. */
export type LeadPayload = {
  fields: LeadFields
  dynamic: DynamicFields
  placement: DynamicFieldPlacement
}

export type PayloadSettings = { dynamicFieldPlacement: DynamicFieldPlacement }

/**
 * The lead LeadCars receives for one entry: the visitor's fields, the routing fixed at capture,
 * and the evidence the kiosk adds (its own reference, capture time, each consent's answer with
 * the hash, version and language of the text shown and the time).
 */
export function buildLeadPayload(request: DeliveryRequest, settings: PayloadSettings): LeadPayload {
  return {
    fields: leadFields(request),
    dynamic: dynamicFields(request),
    placement: settings.dynamicFieldPlacement,
  }
}

/** The JSON body of `POST /leads`: dynamic fields inside `custom` (v2.5) or at the root (v2.4). */
export function leadBody(payload: LeadPayload): Record<string, unknown> {
  if (payload.placement === 'root') return { ...payload.dynamic, ...payload.fields }
  return { ...payload.fields, custom: payload.dynamic }
}

function leadFields(request: DeliveryRequest): LeadFields {
  const { visitor, routing } = request
  const fields: LeadFields = {
    nombre: visitor.firstName.trim(),
    apellidos: visitor.lastName.trim(),
    email: visitor.email.trim(),
    concesionario: routing.dealerId,
    tipo_lead: routing.leadTypeId,
  }
  const telefono = present(visitor.phone)
  const cp = present(visitor.postcode)
  const comentario = commentOf(visitor.interest, visitor.comment)
  const campana = present(routing.campaignCode)
  if (telefono) fields.telefono = telefono
  if (cp) fields.cp = cp
  if (comentario) fields.comentario = comentario
  if (routing.siteId !== undefined) fields.sede = routing.siteId
  if (campana) fields.campana = campana
  return fields
}

function commentOf(interest?: string, comment?: string): string | undefined {
  const parts = [present(interest) && `Interés: ${present(interest)}`, present(comment)]
  const text = parts.filter((part): part is string => Boolean(part)).join('\n')
  return text || undefined
}

function dynamicFields(request: DeliveryRequest): DynamicFields {
  const fields: DynamicFields = {
    kiosk_ref: request.reference,
    kiosk_captured_at: request.capturedAt,
  }
  for (const consent of request.consents) {
    const key = uniqueKey(fields, `consent_${dynamicKey(consent.id)}`)
    Object.assign(fields, consentFields(key, consent))
  }
  return fields
}

const consentSuffixes = ['', '_hash', '_version', '_lang', '_at'] as const
type ConsentSuffix = (typeof consentSuffixes)[number]

function consentFields(key: string, consent: ConsentRecord): DynamicFields {
  const values: Record<ConsentSuffix, string> = {
    '': consent.granted ? 'granted' : 'refused',
    _hash: consent.textHash,
    _version: consent.textVersion,
    _lang: consent.language,
    _at: consent.at,
  }
  return Object.fromEntries(consentSuffixes.map((suffix) => [key + suffix, values[suffix]]))
}

/** LeadCars accepts only letters, digits and underscores in dynamic keys. */
function dynamicKey(raw: string): string {
  return raw.replace(/[^A-Za-z0-9_]/g, '_') || '_'
}

/** Two consent ids that sanitise alike must not overwrite each other's evidence. */
function uniqueKey(fields: DynamicFields, key: string): string {
  const taken = (base: string) => consentSuffixes.some((s) => Object.hasOwn(fields, base + s))
  let candidate = key
  for (let n = 2; taken(candidate); n += 1) candidate = `${key}_${n}`
  return candidate
}

function present(value?: string): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}
