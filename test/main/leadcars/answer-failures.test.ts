import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { buildLeadPayload } from '../../../src/main/leadcars'
import type { Simulator } from '../../../src/main/simulator'
import type { KioskError } from '../../../src/shared/errors'
import {
  clientAt,
  clientFor,
  deliveryRequest,
  errorOf,
  personalValues,
  useSimulator,
} from './fixtures'

function createLead(sim: Simulator) {
  const payload = buildLeadPayload(deliveryRequest(sim), { dynamicFieldPlacement: 'custom' })
  return clientFor(sim).createLead(payload)
}

function expectNoPersonalData(error: KioskError): void {
  const shown = `${error.message} ${error.excerpt ?? ''}`
  for (const value of personalValues) expect(shown).not.toContain(value)
}

describe('LeadCars client: answers that are failures', () => {
  const sim = useSimulator()
  const fault = (status: number, extra: { retryAfter?: string; body?: string } = {}) =>
    sim().addFault({
      method: 'POST',
      path: '/leads',
      times: 1,
      fault: { type: 'status', status, ...extra },
    })

  it('honours Retry-After in seconds on a 503', async () => {
    fault(503, { retryAfter: '7' })

    expect(errorOf(await createLead(sim()))).toMatchObject({
      kind: 'transient',
      status: 503,
      retryAfterMs: 7_000,
    })
  })

  it('honours Retry-After as an HTTP date', async () => {
    fault(503, { retryAfter: new Date(Date.now() + 60_000).toUTCString() })

    const error = errorOf(await createLead(sim()))

    expect(error).toMatchObject({ kind: 'transient', status: 503 })
    expect(error.retryAfterMs).toBeGreaterThan(30_000)
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000)
  })

  it.each([429, 500, 502, 504])('classifies %i as transient', async (status) => {
    fault(status)

    const error = errorOf(await createLead(sim()))

    expect(error).toMatchObject({ kind: 'transient', status })
    expect(error.retryAfterMs).toBeUndefined()
  })

  it.each([401, 403] as const)('classifies %i as auth', async (authStatus) => {
    sim().setVariants({ authStatus })

    const error = errorOf(
      await clientFor(sim(), { token: () => 'WRONG-TOKEN-00000000' }).listDealers(),
    )

    expect(error).toMatchObject({ kind: 'auth', status: authStatus })
  })

  it('takes a captive-portal page on a 200 as transient, with no status', async () => {
    sim().addFault({ path: '/tipos', times: 1, fault: { type: 'html' } })

    const error = errorOf(await clientFor(sim()).listLeadTypes())

    expect(error.kind).toBe('transient')
    expect(error.status).toBeUndefined()
    expect(error.excerpt).toContain('Wi-Fi')
  })

  it('classifies unreadable JSON on a 2xx read as malformed, with a short excerpt', async () => {
    sim().addFault({ path: '/concesionarios', times: 1, fault: { type: 'malformed-json' } })

    const error = errorOf(await clientFor(sim()).listDealers())

    expect(error.kind).toBe('malformed')
    expect(error.excerpt?.length).toBeGreaterThan(0)
    expect(error.excerpt?.length).toBeLessThanOrEqual(200)
  })

  it('takes unreadable JSON on a 2xx create as created-without-id, not a failure', async () => {
    sim().addFault({ method: 'POST', path: '/leads', times: 1, fault: { type: 'malformed-json' } })

    expect(await createLead(sim())).toEqual({ ok: true, value: { leadId: null } })
    expect(sim().leads()).toHaveLength(1)
  })

  it('classifies 404 as rejected', async () => {
    fault(404)

    expect(errorOf(await createLead(sim()))).toMatchObject({ kind: 'rejected', status: 404 })
  })
})

describe('LeadCars client: readable messages of rejected leads', () => {
  const sim = useSimulator()
  const shapes = ['error.message', 'error', 'message', 'msg', 'errors', 'text', 'html'] as const

  it.each(shapes)(
    'reads the server message from the %s shape, on 400 and 422',
    async (errorShape) => {
      for (const validationStatus of [400, 422] as const) {
        sim().setVariants({ errorShape, validationStatus })
        const request = deliveryRequest(sim())
        const payload = buildLeadPayload(
          { ...request, visitor: { ...request.visitor, email: 'zoraida' } },
          {
            dynamicFieldPlacement: 'custom',
          },
        )

        const error = errorOf(await clientFor(sim()).createLead(payload))

        expect(error).toMatchObject({ kind: 'rejected', status: validationStatus })
        expect(error.message).toMatch(/email/i)
        expect(error.message).not.toMatch(/[<>{}]/)
        expect(error.excerpt?.length).toBeLessThanOrEqual(200)
        expectNoPersonalData(error)
      }
    },
  )
})

describe('LeadCars client: error bodies of other servers', () => {
  async function answering(status: number, body: string, contentType = 'application/json') {
    const server = createServer((_, res) =>
      res.writeHead(status, { 'content-type': contentType }).end(body),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const reference = { dealerId: 1, siteId: 2, campaignCode: 'C', showroomLeadTypeId: 3 }
    const request = deliveryRequest({ reference })
    const payload = buildLeadPayload(request, { dynamicFieldPlacement: 'custom' })
    try {
      return errorOf(await clientAt(`http://127.0.0.1:${port}/api/v2`).createLead(payload))
    } finally {
      server.close()
    }
  }

  it.each([
    ['{"error":{"message":"Campo apellidos requerido"}}', 'Campo apellidos requerido'],
    [
      '{"errors":{"email":["no es válido"],"cp":["demasiado largo"]}}',
      'email: no es válido; cp: demasiado largo',
    ],
    ['{"errors":[{"msg":"Falta nombre"},"Falta email"]}', 'Falta nombre; Falta email'],
    ['Petición incorrecta', 'Petición incorrecta'],
  ])('reads %s', async (body, message) => {
    expect(
      await answering(422, body, body.startsWith('{') ? 'application/json' : 'text/plain'),
    ).toMatchObject({
      kind: 'rejected',
      message,
    })
  })

  it('strips HTML and masks the personal data a server echoes back', async () => {
    const echo =
      '<html><body><h1>Error</h1><p>El email zoraida.quintanilla@example.com de Zoraida ' +
      'Quintanilla (tel. +34 612 345 678, CP 28051) ya existe</p></body></html>'

    const error = await answering(400, echo, 'text/html')

    expect(error.kind).toBe('rejected')
    expect(error.message).toMatch(/^Error El email \[redacted\] de \[redacted\] .* ya existe$/)
    expectNoPersonalData(error)
  })

  it('never follows a redirect (the token would go to another host): transient', async () => {
    const error = await answering(302, '', 'text/html')

    expect(error).toMatchObject({ kind: 'transient' })
  })
})
