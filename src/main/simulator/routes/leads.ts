import { readDynamicFields } from '../dynamic-fields'
import { parseId } from '../fields'
import { leadIssues, toLeadData } from '../lead-input'
import { findLeadType } from '../reference-data'
import { emptyReply, jsonReply, type Reply } from '../reply'
import { invalid, notFound, type Route, type RouteContext } from '../route'
import { addAction, type StoredLead } from '../store'
import type { SimulatorVariants } from '../types'
import { leadInfoView } from '../views'

/** POST /leads and GET /leadinfos/{lead}. */
export const leadRoutes: Route[] = [
  { method: 'POST', path: '/leads', auth: 'client', handle: createLead },
  { method: 'GET', path: '/leadinfos/:lead', auth: 'client', handle: showLeadInfo },
]

/** The lead a `:lead` parameter names, if it exists. */
export function leadParam(context: RouteContext): StoredLead | undefined {
  const id = parseId(context.params.lead)
  return id === null ? undefined : context.store.findLead(id)
}

export function leadNotFound(context: RouteContext): Reply {
  return notFound(context, `Lead ${context.params.lead ?? ''} no encontrado`)
}

function createLead(context: RouteContext): Reply {
  const { body, variants } = context
  const { dynamic, issues: dynamicIssues } = readDynamicFields(body, variants.dynamicFields)
  const issues = [...leadIssues(body, 'create'), ...dynamicIssues]
  if (issues.length > 0) return invalid(context, issues)

  const data = toLeadData(body)
  const lead = context.store.createLead({ body, dynamic, data }, context.now)
  addAction(lead, 'entrada_lead', findLeadType(data.leadTypeId)?.name ?? '', context.now)

  return createdReply(variants, lead.id)
}

function showLeadInfo(context: RouteContext): Reply {
  const lead = leadParam(context)
  if (!lead) return leadNotFound(context)
  return jsonReply(200, leadInfoView(lead, context.store.findContact(lead.contactId)))
}

function createdReply(variants: SimulatorVariants, id: number): Reply {
  const status = variants.createStatus
  switch (variants.createResponse) {
    case 'id':
      return jsonReply(status, { id })
    case 'lead_id':
      return jsonReply(status, { lead_id: id })
    case 'data.id':
      return jsonReply(status, { data: { id } })
    case 'data.lead_id':
      return jsonReply(status, { data: { lead_id: id } })
    case 'referencia':
      return jsonReply(status, { success: true, referencia: `LC-${id}` })
    case 'empty':
      return emptyReply(status)
  }
}
