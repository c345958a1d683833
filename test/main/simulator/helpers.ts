import { afterEach, beforeEach, expect } from 'vitest'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../src/main/simulator'

/** Starts a fresh simulator before each test of the calling file and closes it after. */
export function useSimulator(options: SimulatorOptions = {}): () => Simulator {
  let current: Simulator | null = null
  beforeEach(async () => {
    current = await startSimulator(options)
  })
  afterEach(async () => {
    await current?.close()
    current = null
  })
  return () => {
    if (!current) throw new Error('The simulator is not running')
    return current
  }
}

export type CallOptions = {
  method?: string
  body?: unknown
  headers?: Record<string, string>
  signal?: AbortSignal
}

/** A request with the simulator's cliente-token (unless headers override it) and a JSON body. */
export function call(sim: Simulator, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'cliente-token': sim.token, ...options.headers }
  const init: RequestInit = { method: options.method ?? 'GET', headers, signal: options.signal }
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json'
    init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
  }
  return fetch(`${sim.url}${path}`, init)
}

export function automagicHeaders(sim: Simulator): Record<string, string> {
  return { 'api-user': sim.automagic.user, 'api-token': sim.automagic.token }
}

/** A lead body that the simulator accepts, routed to its default reference data. */
export function validLead(
  sim: Simulator,
  changes: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    nombre: 'Lucía',
    apellidos: 'Fernández Ruiz',
    email: 'lucia.fernandez@example.com',
    telefono: '+34612345678',
    cp: '28051',
    comentario: 'Interesada en un híbrido',
    concesionario: sim.reference.dealerId,
    sede: sim.reference.siteId,
    tipo_lead: sim.reference.showroomLeadTypeId,
    campana: sim.reference.campaignCode,
    custom: { kiosk_ref: '6f1c2a56-0d7e-4c59-a3b5-1f7f0f6f9a11' },
    ...changes,
  }
}

export async function createLead(
  sim: Simulator,
  changes: Record<string, unknown> = {},
): Promise<number> {
  const response = await call(sim, '/leads', { method: 'POST', body: validLead(sim, changes) })
  if (response.status !== 201) throw new Error(`Lead not created: ${response.status}`)
  const lead = sim.leads().at(-1)
  if (!lead) throw new Error('The simulator stored no lead')
  return lead.id
}

/** The code undici gives for a request that failed before any response. */
export async function failureCode(request: Promise<Response>): Promise<string | undefined> {
  const error = await request.then(
    () => expect.fail('the request should have failed'),
    (reason: unknown) => reason as Error & { cause?: { code?: string } },
  )
  return error.cause?.code
}

/** Handles the request's outcome at once, so that a failure before the test looks is expected. */
export function settled(request: Promise<Response>): Promise<'answered' | 'failed'> {
  return request.then(
    () => 'answered',
    () => 'failed',
  )
}
