/**
 * The public shape of the LeadCars simulator: a real HTTP server on 127.0.0.1 that plays the
 * LeadCars API v2, used by demo mode and by the test suites. Variants choose among the
 * behaviours the manual leaves open; fault rules make it fail the ways networks and servers do.
 */

export type SimulatorVariants = {
  /**
   * Where a created lead's id appears in the POST /leads answer. `referencia` answers only a
   * text reference (`{referencia: 'LC-…'}`, no numeric id); `empty` answers with no body.
   */
  createResponse: 'id' | 'lead_id' | 'data.id' | 'data.lead_id' | 'referencia' | 'empty'
  createStatus: 200 | 201
  /** Lists as a bare array or wrapped as `{data: [...]}`. */
  listShape: 'array' | 'wrapped'
  /** Field names `id`/`nombre`/`codigo` or `ID`/`NOMBRE`/`CODIGO` (tipos: NOMBRE, VALOR). */
  listCase: 'lower' | 'upper'
  authStatus: 401 | 403
  validationStatus: 400 | 422
  /** How every error body is written. */
  errorShape: 'error.message' | 'error' | 'message' | 'msg' | 'errors' | 'text' | 'html'
  /** Where POST /leads reads dynamic fields from: the `custom` object (v2.5) or the root (v2.4). */
  dynamicFields: 'custom' | 'root'
}

export type SimulatorOptions = {
  /** Default 0 (an ephemeral port). The simulator always binds 127.0.0.1. */
  port?: number
  /** The `cliente-token` accepted; default a fixed 20-character demo token. */
  token?: string
  automagic?: { user: string; token: string }
  variants?: Partial<SimulatorVariants>
  /** The dice for fault rules with a `chance`; Math.random when absent. Seed it to replay. */
  random?: () => number
}

export type Fault =
  /** Resets the connection (TCP RST) once the request has arrived; nothing is stored. */
  | { type: 'reset' }
  /** Waits, then handles normally. A client that gives up meanwhile does not cancel the request. */
  | { type: 'delay'; ms: number }
  /** Answers this status (and `Retry-After` when given); nothing is stored. */
  | { type: 'status'; status: number; retryAfter?: string; body?: string }
  /** Handles and stores normally, then closes the socket without answering. */
  | { type: 'drop-after-store' }
  /** Answers 200 with a captive-portal style HTML page; nothing is stored. */
  | { type: 'html' }
  /** Handles and stores normally, then answers with a truncated JSON body. */
  | { type: 'malformed-json' }

export type FaultRule = {
  /** e.g. 'POST'; any method when absent. */
  method?: string
  /** A path under /api/v2 such as '/leads' or '/leadinfos/:id' (`:x` matches one segment). */
  path?: string
  /** How many matching requests it applies to; unlimited when absent. */
  times?: number
  /**
   * The chance (0 to 1) that a matching request meets the fault; 1 when absent. A request the
   * dice spare goes on to the next rule. Used by soak tests for random faults.
   */
  chance?: number
  fault: Fault
}

/** One request as the simulator saw it: no body, no query. `status` is null when none was sent. */
export type RecordedRequest = { method: string; path: string; status: number | null; at: number }

export type SimLead = {
  id: number
  contactId: number
  /** The POST /leads body exactly as received. */
  body: Record<string, unknown>
  /** The dynamic fields read from where `dynamicFields` says. */
  dynamic: Record<string, unknown>
  createdAt: string
}

export type GdprFlags = { gdpr1: boolean; gdpr2: boolean; gdpr3: boolean; gdpr4: boolean }

/** A contact. Leads of one dealer with the same email (case-insensitive) share one contact. */
export type SimContact = {
  id: number
  dealerId: number
  email: string
  name: string
  lastName: string
  phone: string | null
  cellphone: string | null
  postalCode: string | null
  /** Null until PUT /gdprs/{contact} sets all four flags. */
  gdpr: GdprFlags | null
  gdprAt: string | null
}

export type JourneyMembership = { leadId: number; journeyId: number; state: 'in' | 'done' }

/** Ids of the built-in reference data that a default delivery uses. */
export type SimReference = {
  dealerId: number
  siteId: number
  campaignCode: string
  showroomLeadTypeId: number
  /** An Automagic journey a lead stays in once added (a second add answers 400). */
  journeyId: number
  /** A journey with no steps: a lead goes through it at once (a second add answers 409). */
  instantJourneyId: number
}

export type Simulator = {
  /** Base URL the client uses: 'http://127.0.0.1:PORT/api/v2'. */
  readonly url: string
  readonly port: number
  readonly token: string
  readonly automagic: { user: string; token: string }
  readonly reference: SimReference
  setVariants(variants: Partial<SimulatorVariants>): void
  addFault(rule: FaultRule): void
  clearFaults(): void
  /** Stops listening and destroys open connections: new connections are refused. State is kept. */
  goDown(): Promise<void>
  /** Listens again on the same port. */
  goUp(): Promise<void>
  leads(): SimLead[]
  contacts(): SimContact[]
  requests(): RecordedRequest[]
  journeyMemberships(): JourneyMembership[]
  /** Clears leads, contacts, memberships, requests and faults; keeps the port and variants. */
  reset(): void
  close(): Promise<void>
}
