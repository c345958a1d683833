import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach } from 'vitest'
import type { ConsentRecord, DeliveryRequest } from '../../../src/shared/entry'
import {
  buildLeadPayload,
  createLeadCarsClient,
  type LeadCarsClient,
  type LeadCarsClientOptions,
} from '../../../src/main/leadcars'
import type { KioskError, Result } from '../../../src/shared/errors'
import { startSimulator, type SimReference, type Simulator } from '../../../src/main/simulator'

/** A fresh simulator per test, closed afterwards. */
export function useSimulator(): () => Simulator {
  let sim: Simulator | undefined
  beforeEach(async () => {
    sim = await startSimulator()
  })
  afterEach(async () => {
    await sim?.close()
  })
  return () => {
    if (!sim) throw new Error('the simulator is not started')
    return sim
  }
}

/** A client of the simulator with its credentials, unless `options` says otherwise. */
export function clientFor(sim: Simulator, options: Partial<LeadCarsClientOptions> = {}) {
  return clientAt(sim.url, { token: () => sim.token, automagic: () => sim.automagic, ...options })
}

export function clientAt(baseUrl: string, options: Partial<LeadCarsClientOptions> = {}) {
  return createLeadCarsClient({ baseUrl, token: () => 'T0KEN-T0KEN-T0KEN-20', ...options })
}

export const visitor = {
  firstName: 'Zoraida',
  lastName: 'Quintanilla Berrocal',
  email: 'zoraida.quintanilla@example.com',
  phone: '+34612345678',
  postcode: '28051',
  interest: 'SUV híbrido',
  comment: 'Prefiere llamada por la tarde',
}

/** Personal values that must never appear in a message, excerpt or journal. */
export const personalValues = [
  visitor.firstName,
  'Quintanilla',
  'Berrocal',
  visitor.email,
  visitor.phone,
  '612345678',
  visitor.postcode,
]

export function consent(id: string, flag: ConsentRecord['flag'], granted: boolean): ConsentRecord {
  return {
    id,
    flag,
    granted,
    textHash: 'a'.repeat(64),
    textVersion: '2026-01',
    language: 'es',
    at: '2026-12-04T10:00:00.000Z',
  }
}

type RoutingSource = {
  reference: Pick<SimReference, 'dealerId' | 'siteId' | 'campaignCode' | 'showroomLeadTypeId'>
}

/** An entry routed to the simulator's reference data (or any ids given the same way). */
export function deliveryRequest(
  sim: RoutingSource,
  overrides: Partial<DeliveryRequest> = {},
): DeliveryRequest {
  return {
    reference: crypto.randomUUID(),
    visitor,
    consents: [
      consent('processing', 'gdpr1', true),
      consent('marketing', 'gdpr2', false),
      consent('brand', 'gdpr3', true),
    ],
    routing: {
      dealerId: sim.reference.dealerId,
      siteId: sim.reference.siteId,
      campaignCode: sim.reference.campaignCode,
      leadTypeId: sim.reference.showroomLeadTypeId,
    },
    language: 'es',
    capturedAt: '2026-12-04T10:00:05.000Z',
    steps: {},
    ...overrides,
  }
}

export type Seen = {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

/** A tiny HTTP server on 127.0.0.1 that records requests and answers with `answer`. */
export async function startRecorder(
  answer: (seen: Seen, res: ServerResponse) => void = (_, res) => res.end('{}'),
) {
  const seen: Seen[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }
      seen.push(entry)
      answer(entry, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/api/v2`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`)
  return result.value
}

export function errorOf<T>(result: Result<T>): KioskError {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`)
  return result.error
}

/** Creates one lead of a default entry at the simulator; answers what the client read. */
export async function createOne(sim: Simulator, client: LeadCarsClient) {
  const payload = buildLeadPayload(deliveryRequest(sim), { dynamicFieldPlacement: 'custom' })
  return unwrap(await client.createLead(payload))
}
