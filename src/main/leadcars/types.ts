import type { ReferenceItem } from '../../shared/contract'
import type { GdprFlag } from '../../shared/entry'
import type { Result } from '../../shared/errors'
import type { LeadPayload } from './payload'

/** What a client needs to reach LeadCars. Secrets are read through getters at each call. */
export type LeadCarsClientOptions = {
  /** e.g. `https://api.leadcars.es/api/v2`, or the simulator's loopback URL. */
  baseUrl: string
  token: () => string | null
  automagic?: () => AutomagicCredentials | null
  /** Per request, including reading the body. Default 15 s. */
  timeoutMs?: number
  fetch?: typeof fetch
}

export type AutomagicCredentials = { user: string; token: string }

/** A lead LeadCars accepted. `leadId` is null when a 2xx carried no readable id. */
export type CreatedLead = { leadId: number | null; referencia?: string }

/** The part of `GET /leadinfos/{lead}` the kiosk uses; only `contactId` is certain. */
export type LeadInfo = {
  leadId: number | null
  contactId: number
  typeName: string | null
  statusName: string | null
}

export type ContactGdpr = Partial<Record<GdprFlag, boolean>>

/** The part of `GET /contacts/{contact}` the kiosk uses: the consent flags, never the person. */
export type ContactInfo = { id: number; gdpr: ContactGdpr | null }

export type GdprFlags = Record<GdprFlag, boolean>

/** Fields of `PUT /leads/{lead}/submit` (v2.4 and v2.5 together; send what the server reads). */
export type LeadEdit = Partial<{
  email: string
  telefono: string
  nombre: string
  apellidos: string
  cp: string
  provincia: string
  comentario: string
  url_origen: string
  concesionario: number
  sede: number
  campana: string
  estado: { id: number; motivos?: string[]; texto?: string }
  temperature: 'cold' | 'warn' | 'hot'
}>

export type ChatPerson = {
  name?: string
  first_lastname?: string
  second_lastname?: string
  email?: string
  phone?: string
  id: string
}

export type ChatConversation = {
  chat_id: string
  users: ({ _id: string; user: ChatPerson } | { _id: string; visitor: ChatPerson })[]
  messages: {
    _id: string
    message: { text: string; type: 'text' }
    created_at: string
    user_sender: string
    interaction_type: 'welcome' | 'default' | 'close'
  }[]
}

export type StateField = {
  name: string
  type: string | null
  title: string | null
  required: boolean
  options: unknown
}

/** One lead state of `GET /listStates` (v2.5). */
export type LeadState = { name: string; id: number; group: string | null; fields: StateField[] }

export type Journey = { id: number; title: string }

export type JourneyListQuery = { maxResults?: number; personalized?: boolean }

/** `already_in`: the lead is in the journey now (400); `already_done`: it went through it (409). */
export type JourneyAddition = {
  outcome: 'added' | 'already_in' | 'already_done'
  leadJourneyId: number | null
}

export type LeadJourney = { id: number; title: string; step: string | null; personalized: boolean }

/**
 * A typed client for every endpoint of the LeadCars API v2. No method throws: each answers a
 * Result whose error kind says what the caller does next (see src/shared/errors.ts).
 */
export type LeadCarsClient = {
  hasToken(): boolean
  hasAutomagic(): boolean
  createLead(payload: LeadPayload): Promise<Result<CreatedLead>>
  getLeadInfo(leadId: number): Promise<Result<LeadInfo>>
  editLead(leadId: number, fields: LeadEdit): Promise<Result<true>>
  addComment(leadId: number, comentario: string): Promise<Result<true>>
  addChatConversation(leadId: number, chat: ChatConversation): Promise<Result<true>>
  getContact(contactId: number): Promise<Result<ContactInfo>>
  setGdpr(contactId: number, flags: GdprFlags): Promise<Result<true>>
  listLeadTypes(): Promise<Result<ReferenceItem[]>>
  listStates(): Promise<Result<LeadState[]>>
  listDealers(): Promise<Result<ReferenceItem[]>>
  listSites(dealerId: number): Promise<Result<ReferenceItem[]>>
  listCampaigns(dealerId: number): Promise<Result<ReferenceItem[]>>
  listJourneys(query?: JourneyListQuery): Promise<Result<Journey[]>>
  addLeadToJourney(leadId: number, journeyId: number): Promise<Result<JourneyAddition>>
  getLeadJourneys(leadId: number): Promise<Result<LeadJourney[]>>
}
