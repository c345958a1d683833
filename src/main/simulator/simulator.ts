import type { IncomingMessage, ServerResponse } from 'node:http'
import { dispatch, internalErrorReply, type DispatchDeps } from './dispatch'
import { createFaultBook } from './faults'
import { defaultReference, demoAutomagic, demoToken } from './reference-data'
import { writeReply } from './reply'
import { startListener } from './server'
import { contactSnapshot, createStore, leadSnapshot } from './store'
import type { Simulator, SimulatorOptions, SimulatorVariants } from './types'

export const defaultVariants: SimulatorVariants = {
  createResponse: 'id',
  createStatus: 201,
  listShape: 'array',
  listCase: 'lower',
  authStatus: 401,
  validationStatus: 422,
  errorShape: 'error.message',
  dynamicFields: 'custom',
}

/**
 * Starts the LeadCars simulator on 127.0.0.1 (an ephemeral port unless one is given). It keeps
 * its state in memory, writes no logs, and answers as LeadCars API v2 does.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const store = createStore()
  const faults = createFaultBook(options.random)
  const closing = new AbortController()
  let variants: SimulatorVariants = { ...defaultVariants, ...options.variants }
  const credentials = {
    token: options.token ?? demoToken,
    automagic: { ...(options.automagic ?? demoAutomagic) },
  }
  const deps: DispatchDeps = {
    store,
    faults,
    variants: () => variants,
    credentials,
    closing: closing.signal,
  }

  const listener = await startListener(options.port ?? 0, (req, res) => handle(req, res, deps))

  return {
    url: `http://127.0.0.1:${listener.port}/api/v2`,
    port: listener.port,
    token: credentials.token,
    automagic: { ...credentials.automagic },
    reference: { ...defaultReference },
    setVariants(changes) {
      variants = { ...variants, ...changes }
    },
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    goDown: () => listener.down(),
    goUp: () => listener.up(),
    leads: () => store.allLeads().map(leadSnapshot),
    contacts: () => store.allContacts().map(contactSnapshot),
    requests: () => store.requests.map((request) => ({ ...request })),
    journeyMemberships: () => store.memberships.map((membership) => ({ ...membership })),
    reset() {
      store.clear()
      faults.clear()
    },
    async close() {
      closing.abort()
      await listener.down()
    },
  }
}

/** A failure inside the simulator answers 500 if it still can, and never escapes the server. */
function handle(req: IncomingMessage, res: ServerResponse, deps: DispatchDeps): void {
  dispatch(req, res, deps).catch(() => {
    if (res.headersSent) res.destroy()
    else writeReply(res, internalErrorReply(deps))
  })
}
