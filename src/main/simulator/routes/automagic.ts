import { errorReply } from '../errors'
import { idIssue, parseId } from '../fields'
import { findJourney, journeys, type Journey } from '../reference-data'
import { jsonReply, type Reply } from '../reply'
import { notFound, type Route, type RouteContext } from '../route'
import type { JourneyMembership } from '../types'

/**
 * Automagic journeys. A lead added to a journey is in it (a second add answers 400) until the
 * journey ends; a journey with no steps ends at once, so a second add answers 409.
 */
export const automagicRoutes: Route[] = [
  { method: 'GET', path: '/journeys/list/summary', auth: 'automagic', handle: listJourneys },
  {
    method: 'POST',
    path: '/journeys/generate-lead-journey',
    auth: 'automagic',
    handle: addLeadToJourney,
  },
  {
    method: 'GET',
    path: '/journeys/list/get-lead-journeys',
    auth: 'automagic',
    handle: leadJourneys,
  },
]

function listJourneys(context: RouteContext): Reply {
  const max = parseId(context.query.get('maxResults')) ?? 25
  const matching = journeys.filter(personalizedFilter(context.query.get('personalized')))
  const data = matching.slice(0, max).map((journey) => ({ id: journey.id, title: journey.title }))
  return jsonReply(200, { recordsTotal: String(matching.length), data })
}

function addLeadToJourney(context: RouteContext): Reply {
  const issues = [idIssue(context.body, 'lead_id', true), idIssue(context.body, 'journey_id', true)]
  const problems = issues.filter((issue) => issue !== null)
  if (problems.length > 0) return unprocessable(context, problems)

  const leadId = parseId(context.body.lead_id) ?? 0
  const journey = findJourney(parseId(context.body.journey_id) ?? 0)
  if (!context.store.findLead(leadId)) return notFound(context, 'Lead no encontrado')
  if (!journey) return notFound(context, 'Flujo no encontrado')

  const current = membership(context, leadId, journey.id)
  if (current) return alreadyThere(context, current)

  return jsonReply(201, startJourney(context, leadId, journey))
}

/** A journey with no steps is gone through at once. */
function startJourney(context: RouteContext, leadId: number, journey: Journey): object {
  const state = journey.steps === 0 ? 'done' : 'in'
  context.store.memberships.push({ leadId, journeyId: journey.id, state })
  return {
    message: 'Journey started successfully',
    journey: journey.id,
    lead_journey: context.store.nextMembershipId(),
    lead: leadId,
  }
}

function alreadyThere(context: RouteContext, current: JourneyMembership): Reply {
  const { errorShape } = context.variants
  if (current.state === 'in') {
    return errorReply(errorShape, 400, 'El lead se encuentra actualmente en el flujo')
  }
  return errorReply(errorShape, 409, 'El lead ya pasó por el flujo')
}

function leadJourneys(context: RouteContext): Reply {
  const leadId = parseId(context.query.get('lead_id'))
  if (leadId === null) return unprocessable(context, ['El parámetro lead_id es obligatorio'])
  if (!context.store.findLead(leadId)) return notFound(context, 'Lead no encontrado')

  const mine = context.store.memberships.filter((entry) => entry.leadId === leadId)
  return jsonReply(200, { journeys: mine.map(journeyView) })
}

function journeyView(entry: JourneyMembership): object {
  const journey = findJourney(entry.journeyId)
  return {
    id: entry.journeyId,
    title: journey?.title ?? '',
    step: entry.state === 'in' ? 'init' : 'end',
    personalized_journey: journey?.personalized ?? false,
  }
}

/** `personalized=true|1` keeps personalised journeys, `false|0` the others, empty keeps all. */
function personalizedFilter(value: string | null): (journey: Journey) => boolean {
  if (value === 'true' || value === '1') return (journey) => journey.personalized
  if (value === 'false' || value === '0') return (journey) => !journey.personalized
  return () => true
}

function membership(
  context: RouteContext,
  leadId: number,
  journeyId: number,
): JourneyMembership | undefined {
  return context.store.memberships.find(
    (entry) => entry.leadId === leadId && entry.journeyId === journeyId,
  )
}

/** Bad parameters answer 422 whatever the variant, so that 400 keeps its documented meaning. */
function unprocessable(context: RouteContext, issues: string[]): Reply {
  return errorReply(context.variants.errorShape, 422, issues)
}
