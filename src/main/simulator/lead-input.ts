import {
  emailIssue,
  idIssue,
  isAbsent,
  parseId,
  phoneIssue,
  textIssue,
  textOrNumberIssue,
  textValue,
  urlIssue,
} from './fields'
import { findCampaign, findDealer, findLeadType, findSite } from './reference-data'
import type { LeadData } from './store'

type Body = Record<string, unknown>

/** Request field → lead data column. */
const columns: Record<string, keyof LeadData> = {
  nombre: 'nombre',
  apellidos: 'apellidos',
  email: 'email',
  telefono: 'telefono',
  movil: 'movil',
  cp: 'cp',
  provincia: 'provincia',
  comentario: 'comentario',
  url_origen: 'urlOrigen',
  concesionario: 'dealerId',
  sede: 'siteId',
  campana: 'campaignCode',
  tipo_lead: 'leadTypeId',
}

const requiredColumns = new Set<keyof LeadData>([
  'nombre',
  'apellidos',
  'email',
  'dealerId',
  'leadTypeId',
])

/**
 * Every problem with a lead body. `create` requires what the manual requires; `edit` (PUT
 * submit) checks only what is present, against the lead's current dealer.
 */
export function leadIssues(body: Body, mode: 'create' | 'edit', current?: LeadData): string[] {
  const required = mode === 'create'
  const dealerId = parseId(body.concesionario) ?? current?.dealerId ?? null
  const issues = [
    textIssue(body, 'nombre', required),
    textIssue(body, 'apellidos', required),
    emailIssue(body, 'email', required),
    phoneIssue(body, 'telefono'),
    phoneIssue(body, 'movil'),
    textOrNumberIssue(body, 'cp'),
    textIssue(body, 'provincia', false),
    textIssue(body, 'comentario', false),
    urlIssue(body, 'url_origen'),
    dealerIssue(body, required),
    leadTypeIssue(body, required),
    siteIssue(body, dealerId),
    campaignIssue(body, dealerId),
  ]
  return issues.filter((issue): issue is string => issue !== null)
}

/** A valid create body as lead data. */
export function toLeadData(body: Body): LeadData {
  return {
    nombre: textValue(body.nombre) ?? '',
    apellidos: textValue(body.apellidos) ?? '',
    email: (textValue(body.email) ?? '').trim(),
    telefono: textValue(body.telefono),
    movil: textValue(body.movil),
    cp: textValue(body.cp),
    provincia: textValue(body.provincia),
    comentario: textValue(body.comentario),
    urlOrigen: textValue(body.url_origen),
    dealerId: parseId(body.concesionario) ?? 0,
    siteId: parseId(body.sede),
    campaignCode: textValue(body.campana),
    leadTypeId: parseId(body.tipo_lead) ?? 0,
  }
}

/** A valid edit body as changes to lead data: only the fields it names; required ones stay set. */
export function toLeadChanges(body: Body): Partial<LeadData> {
  const data = toLeadData(body)
  const named = Object.entries(columns).filter(([field, column]) => {
    if (!(field in body)) return false
    return !requiredColumns.has(column) || !isAbsent(body[field])
  })
  return Object.fromEntries(named.map(([, column]) => [column, data[column]]))
}

function dealerIssue(body: Body, required: boolean): string | null {
  const issue = idIssue(body, 'concesionario', required)
  if (issue || isAbsent(body.concesionario)) return issue
  const known = findDealer(parseId(body.concesionario) ?? 0)
  return known ? null : 'El campo concesionario no corresponde a ningún concesionario'
}

function leadTypeIssue(body: Body, required: boolean): string | null {
  const issue = idIssue(body, 'tipo_lead', required)
  if (issue || isAbsent(body.tipo_lead)) return issue
  const known = findLeadType(parseId(body.tipo_lead) ?? 0)
  return known ? null : 'El campo tipo_lead no corresponde a ningún tipo de lead'
}

function siteIssue(body: Body, dealerId: number | null): string | null {
  const issue = idIssue(body, 'sede', false)
  if (issue || isAbsent(body.sede)) return issue
  const site = findSite(parseId(body.sede) ?? 0)
  if (site && site.dealerId === dealerId) return null
  return 'El campo sede no corresponde a una sede del concesionario'
}

function campaignIssue(body: Body, dealerId: number | null): string | null {
  const issue = textIssue(body, 'campana', false)
  if (issue || isAbsent(body.campana)) return issue
  const known = dealerId !== null && findCampaign(dealerId, String(body.campana))
  return known ? null : 'El campo campana no es un código de campaña del concesionario'
}
