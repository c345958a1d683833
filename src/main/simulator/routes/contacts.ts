import { booleanIssue, parseId } from '../fields'
import { jsonReply, type Reply } from '../reply'
import { invalid, notFound, type Route, type RouteContext } from '../route'
import { setGdpr } from '../store'
import type { GdprFlags, SimContact } from '../types'
import { contactView } from '../views'

/** GET /contacts/{contact} and PUT /gdprs/{contact}. */
export const contactRoutes: Route[] = [
  { method: 'GET', path: '/contacts/:contact', auth: 'client', handle: showContact },
  { method: 'PUT', path: '/gdprs/:contact', auth: 'client', handle: updateGdpr },
]

const flags = ['gdpr1', 'gdpr2', 'gdpr3', 'gdpr4'] as const

function showContact(context: RouteContext): Reply {
  const contact = contactParam(context)
  if (!contact) return contactNotFound(context)
  return jsonReply(200, contactView(contact))
}

/** All four flags are required and must be JSON booleans: "true" or 1 are refused. */
function updateGdpr(context: RouteContext): Reply {
  const contact = contactParam(context)
  if (!contact) return contactNotFound(context)
  const issues = flags.map((flag) => booleanIssue(context.body, flag))
  const problems = issues.filter((issue) => issue !== null)
  if (problems.length > 0) return invalid(context, problems)

  setGdpr(contact, readFlags(context.body), context.now)
  return jsonReply(200, { message: 'GDPR actualizado', contact: contact.id })
}

function readFlags(body: Record<string, unknown>): GdprFlags {
  return {
    gdpr1: body.gdpr1 === true,
    gdpr2: body.gdpr2 === true,
    gdpr3: body.gdpr3 === true,
    gdpr4: body.gdpr4 === true,
  }
}

function contactParam(context: RouteContext): SimContact | undefined {
  const id = parseId(context.params.contact)
  return id === null ? undefined : context.store.findContact(id)
}

function contactNotFound(context: RouteContext): Reply {
  return notFound(context, `Contacto ${context.params.contact ?? ''} no encontrado`)
}
