import type { GdprFlags, JourneyMembership, RecordedRequest, SimContact, SimLead } from './types'

/** A lead's current values, normalised from the request (ids as numbers). */
export type LeadData = {
  nombre: string
  apellidos: string
  email: string
  telefono: string | null
  movil: string | null
  cp: string | null
  provincia: string | null
  comentario: string | null
  urlOrigen: string | null
  dealerId: number
  siteId: number | null
  campaignCode: string | null
  leadTypeId: number
}

export type LeadAction = { type: string; at: string; info: string }

export type StoredLead = SimLead & {
  data: LeadData
  statusName: string
  temperature: string | null
  actions: LeadAction[]
}

export type NewLead = {
  body: Record<string, unknown>
  dynamic: Record<string, unknown>
  data: LeadData
}

/** The simulator's in-memory state. Ids keep counting across `clear()` so none is reused. */
export type Store = {
  readonly requests: RecordedRequest[]
  readonly memberships: JourneyMembership[]
  createLead(lead: NewLead, at: Date): StoredLead
  findLead(id: number): StoredLead | undefined
  findContact(id: number): SimContact | undefined
  allLeads(): StoredLead[]
  allContacts(): SimContact[]
  nextMembershipId(): number
  clear(): void
}

export function createStore(): Store {
  const leads = new Map<number, StoredLead>()
  const contacts = new Map<number, SimContact>()
  const requests: RecordedRequest[] = []
  const memberships: JourneyMembership[] = []
  const counters = { lead: 800_000, contact: 139_000, membership: 380 }

  function contactFor(data: LeadData): SimContact {
    const email = data.email.toLowerCase()
    const known = [...contacts.values()].find(
      (contact) => contact.dealerId === data.dealerId && contact.email.toLowerCase() === email,
    )
    if (known) return refreshContact(known, data)
    const contact = newContact(++counters.contact, data)
    contacts.set(contact.id, contact)
    return contact
  }

  return {
    requests,
    memberships,
    createLead(lead, at) {
      const contact = contactFor(lead.data)
      const stored = storedLead(++counters.lead, contact.id, lead, at)
      leads.set(stored.id, stored)
      return stored
    },
    findLead: (id) => leads.get(id),
    findContact: (id) => contacts.get(id),
    allLeads: () => [...leads.values()],
    allContacts: () => [...contacts.values()],
    nextMembershipId: () => ++counters.membership,
    clear() {
      leads.clear()
      contacts.clear()
      requests.length = 0
      memberships.length = 0
    },
  }
}

export function setGdpr(contact: SimContact, flags: GdprFlags, at: Date): void {
  contact.gdpr = { ...flags }
  contact.gdprAt = at.toISOString()
}

export function addAction(lead: StoredLead, type: string, info: string, at: Date): void {
  lead.actions.push({ type, info, at: at.toISOString() })
}

/** Snapshots for the test API: copies, so that callers cannot change the state. */
export function leadSnapshot(lead: StoredLead): SimLead {
  const { id, contactId, body, dynamic, createdAt } = structuredClone(lead)
  return { id, contactId, body, dynamic, createdAt }
}

export function contactSnapshot(contact: SimContact): SimContact {
  return structuredClone(contact)
}

function storedLead(id: number, contactId: number, lead: NewLead, at: Date): StoredLead {
  const createdAt = at.toISOString()
  return {
    id,
    contactId,
    createdAt,
    body: structuredClone(lead.body),
    dynamic: structuredClone(lead.dynamic),
    data: { ...lead.data },
    statusName: 'Sin Estado',
    temperature: null,
    actions: [],
  }
}

function newContact(id: number, data: LeadData): SimContact {
  return refreshContact(
    {
      id,
      dealerId: data.dealerId,
      email: data.email,
      name: '',
      lastName: '',
      phone: null,
      cellphone: null,
      postalCode: null,
      gdpr: null,
      gdprAt: null,
    },
    data,
  )
}

function refreshContact(contact: SimContact, data: LeadData): SimContact {
  contact.name = data.nombre
  contact.lastName = data.apellidos
  contact.phone = data.telefono ?? contact.phone
  contact.cellphone = data.movil ?? contact.cellphone
  contact.postalCode = data.cp ?? contact.postalCode
  return contact
}
