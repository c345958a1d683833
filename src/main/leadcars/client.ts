import { fail, ok, type Result } from '../../shared/errors'
import { parseJson } from './messages'
import { leadBody, type LeadPayload } from './payload'
import {
  contactInfo,
  journeyAddition,
  journeyList,
  leadInfo,
  leadJourneys,
  readCreatedLead,
  referenceList,
  stateList,
} from './schemas'
import { createTransport, type Call, type Transport } from './transport'
import type {
  CreatedLead,
  JourneyAddition,
  JourneyListQuery,
  LeadCarsClient,
  LeadCarsClientOptions,
} from './types'

/** A LeadCars client over global fetch; see LeadCarsClient for the contract. */
export function createLeadCarsClient(options: LeadCarsClientOptions): LeadCarsClient {
  const transport = createTransport(options)
  const write = (call: Call) => written(transport, call)
  const list = (path: string) => transport.read({ method: 'GET', path }, referenceList, 'list')

  return {
    hasToken: () => Boolean(options.token()),
    hasAutomagic: () => Boolean(options.automagic?.()),
    createLead: (payload) => createLead(transport, payload),
    getLeadInfo: (leadId) =>
      withId(leadId, (lead) =>
        transport.read({ method: 'GET', path: `/leadinfos/${lead}` }, leadInfo, 'lead info'),
      ),
    editLead: (leadId, fields) =>
      withId(leadId, (lead) =>
        write({ method: 'PUT', path: `/leads/${lead}/submit`, body: fields }),
      ),
    addComment: (leadId, comentario) =>
      withId(leadId, (lead) =>
        write({ method: 'POST', path: `/leads/${lead}/comments`, body: { comentario } }),
      ),
    addChatConversation: (leadId, chat) =>
      withId(leadId, (lead) =>
        write({ method: 'POST', path: `/leads/${lead}/chat_conversation`, body: { chat } }),
      ),
    getContact: (contactId) =>
      withId(contactId, (contact) =>
        transport.read({ method: 'GET', path: `/contacts/${contact}` }, contactInfo, 'contact'),
      ),
    setGdpr: (contactId, flags) =>
      withId(contactId, (contact) =>
        write({ method: 'PUT', path: `/gdprs/${contact}`, body: flags }),
      ),
    listLeadTypes: () => list('/tipos'),
    listStates: () =>
      transport.read({ method: 'GET', path: '/listStates' }, stateList, 'state list'),
    listDealers: () => list('/concesionarios'),
    listSites: (dealerId) => withId(dealerId, (dealer) => list(`/sedes/${dealer}`)),
    listCampaigns: (dealerId) => withId(dealerId, (dealer) => list(`/campanas/${dealer}`)),
    listJourneys: (query) => listJourneys(transport, query),
    addLeadToJourney: (leadId, journeyId) =>
      withId(leadId, (lead) =>
        withId(journeyId, (journey) => addToJourney(transport, lead, journey)),
      ),
    getLeadJourneys: (leadId) =>
      withId(leadId, (lead) =>
        transport.read(
          {
            method: 'GET',
            path: '/journeys/list/get-lead-journeys',
            query: { lead_id: lead },
            auth: 'automagic',
          },
          leadJourneys,
          'journey list',
        ),
      ),
  }
}

/**
 * A 2xx to `POST /leads` means the lead exists, whatever the body says: with no readable id it
 * is still a success (`leadId: null`), because posting again would create a second lead.
 */
async function createLead(
  transport: Transport,
  payload: LeadPayload,
): Promise<Result<CreatedLead>> {
  const answer = await transport.send({ method: 'POST', path: '/leads', body: leadBody(payload) })
  if (!answer.ok) return answer
  return ok(readCreatedLead(parseJson(answer.value.body)))
}

async function written(transport: Transport, call: Call): Promise<Result<true>> {
  const answer = await transport.send(call)
  return answer.ok ? ok(true) : answer
}

function listJourneys(transport: Transport, query: JourneyListQuery = {}) {
  const params = { maxResults: query.maxResults ?? 25, personalized: query.personalized }
  const call: Call = {
    method: 'GET',
    path: '/journeys/list/summary',
    query: params,
    auth: 'automagic',
  }
  return transport.read(call, journeyList, 'journey list')
}

/** The manual documents 400 (in the journey now) and 409 (went through it) as outcomes. */
async function addToJourney(
  transport: Transport,
  leadId: number,
  journeyId: number,
): Promise<Result<JourneyAddition>> {
  const body = { lead_id: leadId, journey_id: journeyId }
  const call: Call = {
    method: 'POST',
    path: '/journeys/generate-lead-journey',
    body,
    auth: 'automagic',
  }
  const answer = await transport.exchange(call)
  const status = answer.ok ? answer.value.status : null
  if (status === 400) return ok({ outcome: 'already_in', leadJourneyId: null })
  if (status === 409) return ok({ outcome: 'already_done', leadJourneyId: null })
  const accepted = transport.accept(call, answer)
  if (!accepted.ok) return accepted
  return transport.parse(call, accepted.value, journeyAddition, 'journey answer')
}

function withId<T>(value: number, run: (id: number) => Promise<Result<T>>): Promise<Result<T>> {
  if (Number.isSafeInteger(value) && value > 0) return run(value)
  return Promise.resolve(fail('invalid_input', `Not a LeadCars id: ${String(value)}`))
}
