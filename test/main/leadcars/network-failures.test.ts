import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { buildLeadPayload } from '../../../src/main/leadcars'
import type { Simulator } from '../../../src/main/simulator'
import { clientAt, clientFor, deliveryRequest, errorOf, useSimulator } from './fixtures'

function createLead(sim: Simulator, timeoutMs?: number) {
  const payload = buildLeadPayload(deliveryRequest(sim), { dynamicFieldPlacement: 'custom' })
  return clientFor(sim, timeoutMs === undefined ? {} : { timeoutMs }).createLead(payload)
}

describe('LeadCars client: failures before an answer', () => {
  const sim = useSimulator()

  it('classifies a reset before the response as ambiguous', async () => {
    sim().addFault({ method: 'POST', path: '/leads', times: 1, fault: { type: 'reset' } })

    expect(errorOf(await createLead(sim())).kind).toBe('ambiguous')
  })

  it('classifies an answer lost after the lead was stored as ambiguous', async () => {
    sim().addFault({
      method: 'POST',
      path: '/leads',
      times: 1,
      fault: { type: 'drop-after-store' },
    })

    expect(errorOf(await createLead(sim())).kind).toBe('ambiguous')
    expect(sim().leads()).toHaveLength(1)
  })

  it('classifies a refused connection as transient, without a status', async () => {
    await sim().goDown()

    const error = errorOf(await createLead(sim()))

    expect(error).toMatchObject({
      kind: 'transient',
      message: expect.stringContaining('ECONNREFUSED'),
    })
    expect(error.status).toBeUndefined()
  })

  it('classifies a timeout after the request was sent as ambiguous', async () => {
    sim().addFault({
      method: 'POST',
      path: '/leads',
      times: 1,
      fault: { type: 'delay', ms: 3_000 },
    })

    expect(errorOf(await createLead(sim(), 250)).kind).toBe('ambiguous')
  })
})

describe('LeadCars client: network errors as undici reports them', () => {
  const failing = (cause: object) => () => Promise.reject(new TypeError('fetch failed', { cause }))
  const withCode = (code: string, syscall?: string) =>
    Object.assign(new Error(code), { code, syscall })

  it.each([
    ['ENOTFOUND', 'getaddrinfo', 'transient'],
    ['EAI_AGAIN', 'getaddrinfo', 'transient'],
    ['CERT_HAS_EXPIRED', undefined, 'transient'],
    ['UND_ERR_CONNECT_TIMEOUT', undefined, 'transient'],
    ['ETIMEDOUT', 'connect', 'transient'],
    ['ECONNRESET', 'read', 'ambiguous'],
    ['UND_ERR_SOCKET', undefined, 'ambiguous'],
    ['UND_ERR_HEADERS_TIMEOUT', undefined, 'ambiguous'],
  ])('classifies %s (%s) as %s', async (code, syscall, kind) => {
    const client = clientAt('http://127.0.0.1:9/api/v2', {
      fetch: failing(withCode(code, syscall)),
    })

    expect(errorOf(await client.listDealers())).toMatchObject({
      kind,
      message: expect.stringContaining(code),
    })
  })

  it('classifies an AggregateError of refused addresses as transient', async () => {
    const refused = [withCode('ECONNREFUSED', 'connect'), withCode('ECONNREFUSED', 'connect')]
    const client = clientAt('http://127.0.0.1:9/api/v2', {
      fetch: failing(new AggregateError(refused)),
    })

    expect(errorOf(await client.listDealers()).kind).toBe('transient')
  })

  it('classifies an unknown failure as ambiguous, the safe side', async () => {
    const client = clientAt('http://127.0.0.1:9/api/v2', { fetch: failing(new Error('odd')) })

    expect(errorOf(await client.listDealers()).kind).toBe('ambiguous')
  })

  it('answers config for a base URL that is not http(s)', async () => {
    expect(errorOf(await clientAt('ftp://127.0.0.1/api').listDealers()).kind).toBe('config')
  })

  it('classifies a TLS failure as transient', async () => {
    const server = createServer((_, res) => res.end('plain HTTP'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      const error = errorOf(await clientAt(`https://127.0.0.1:${port}/api/v2`).listDealers())

      expect(error.kind).toBe('transient')
      expect(error.message).toMatch(/SSL|TLS|CERT/)
    } finally {
      server.close()
    }
  })
})
