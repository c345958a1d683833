import { describe, expect, it, vi } from 'vitest'
import { call, failureCode, settled, useSimulator, validLead } from './helpers'

describe('faults', () => {
  const sim = useSimulator()
  const postLead = (): Promise<Response> =>
    call(sim(), '/leads', { method: 'POST', body: validLead(sim()) })

  it('reset: the connection is reset, nothing is stored, the request is recorded with no status', async () => {
    sim().addFault({ method: 'POST', path: '/leads', fault: { type: 'reset' } })

    expect(await failureCode(postLead())).toBe('ECONNRESET')
    expect(sim().leads()).toHaveLength(0)
    expect(sim().requests()).toEqual([
      expect.objectContaining({ method: 'POST', path: '/leads', status: null }),
    ])
  })

  it('drop-after-store: the client sees a hang-up and the lead is stored', async () => {
    sim().addFault({
      method: 'POST',
      path: '/leads',
      times: 1,
      fault: { type: 'drop-after-store' },
    })

    expect(await failureCode(postLead())).toBe('UND_ERR_SOCKET')
    expect(sim().leads()).toHaveLength(1)
    expect(sim().requests()[0]?.status).toBeNull()
  })

  it('status: answers the status with Retry-After and stores nothing', async () => {
    sim().addFault({ path: '/leads', fault: { type: 'status', status: 503, retryAfter: '120' } })

    const response = await postLead()

    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('120')
    expect(await response.text()).toContain('503')
    expect(sim().leads()).toHaveLength(0)
    expect(sim().requests()[0]?.status).toBe(503)
  })

  it('status: answers a given body with a fitting content type', async () => {
    sim().addFault({
      path: '/leads',
      times: 1,
      fault: { type: 'status', status: 429, body: '{"msg":"Too many"}' },
    })
    sim().addFault({
      path: '/leads',
      times: 1,
      fault: { type: 'status', status: 502, body: 'Bad gateway' },
    })

    const json = await postLead()
    const text = await postLead()

    expect(json.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await json.json()).toEqual({ msg: 'Too many' })
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await text.text()).toBe('Bad gateway')
  })

  it('html: answers 200 with a captive portal page and stores nothing', async () => {
    sim().addFault({ fault: { type: 'html' } })

    const response = await postLead()

    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toContain('<html')
    expect(sim().leads()).toHaveLength(0)
  })

  it('malformed-json: stores the lead and answers a truncated JSON body', async () => {
    sim().addFault({ method: 'POST', path: '/leads', fault: { type: 'malformed-json' } })

    const response = await postLead()

    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    await expect(response.json()).rejects.toThrow()
    expect(sim().leads()).toHaveLength(1)
  })

  it('malformed-json: also cuts an empty create answer into invalid JSON', async () => {
    sim().setVariants({ createResponse: 'empty' })
    sim().addFault({ path: '/leads', fault: { type: 'malformed-json' } })

    const text = await (await postLead()).text()

    expect(() => JSON.parse(text)).toThrow()
  })

  it('delay: answers after the delay without holding up other requests', async () => {
    sim().addFault({
      method: 'POST',
      path: '/leads',
      times: 1,
      fault: { type: 'delay', ms: 1_500 },
    })
    const started = Date.now()
    let delayedDone = false

    const delayed = postLead().then((response) => {
      delayedDone = true
      return response
    })
    const quick = await call(sim(), '/tipos')

    expect(quick.status).toBe(200)
    expect(delayedDone).toBe(false)
    expect((await delayed).status).toBe(201)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400)
  })

  it('delay: a client that gives up does not cancel the request, so the lead is stored', async () => {
    sim().addFault({ path: '/leads', fault: { type: 'delay', ms: 800 } })
    const controller = new AbortController()
    const outcome = settled(
      call(sim(), '/leads', { method: 'POST', body: validLead(sim()), signal: controller.signal }),
    )
    await vi.waitFor(() => expect(sim().requests()).toHaveLength(1))

    controller.abort()

    expect(await outcome).toBe('failed')
    await vi.waitFor(() => expect(sim().leads()).toHaveLength(1), { timeout: 5_000 })
    expect(sim().requests()[0]?.status).toBeNull()
  })

  it('counts times, applies the first matching rule and then lets requests through', async () => {
    sim().addFault({
      method: 'POST',
      path: '/leads',
      times: 2,
      fault: { type: 'status', status: 503 },
    })
    sim().addFault({
      method: 'POST',
      path: '/leads',
      times: 1,
      fault: { type: 'status', status: 429 },
    })

    const statuses: number[] = []
    for (let attempt = 0; attempt < 4; attempt += 1) statuses.push((await postLead()).status)

    expect(statuses).toEqual([503, 503, 429, 201])
    expect(sim().leads()).toHaveLength(1)
  })

  it('matches method and path patterns, with or without the /api/v2 prefix', async () => {
    sim().addFault({
      method: 'get',
      path: '/api/v2/leadinfos/:id',
      fault: { type: 'status', status: 500 },
    })
    sim().addFault({ method: 'PUT', path: '/gdprs/:id', fault: { type: 'status', status: 502 } })

    const created = await postLead()
    const id = sim().leads()[0]?.id
    const info = await call(sim(), `/leadinfos/${id}`)
    const types = await call(sim(), '/tipos')

    expect([created.status, info.status, types.status]).toEqual([201, 500, 200])
  })

  it('clearFaults removes every rule', async () => {
    sim().addFault({ fault: { type: 'reset' } })
    sim().clearFaults()

    expect((await postLead()).status).toBe(201)
  })

  it('refuses rules that could never be played', () => {
    expect(() => sim().addFault({ times: -1, fault: { type: 'html' } })).toThrow(RangeError)
    expect(() => sim().addFault({ fault: { type: 'delay', ms: Number.NaN } })).toThrow(RangeError)
    expect(() => sim().addFault({ fault: { type: 'status', status: 99 } })).toThrow(RangeError)
  })

  it('records requests by route template with no body and no query', async () => {
    await postLead()
    const id = sim().leads()[0]?.id
    await call(sim(), `/leadinfos/${id}`)
    await call(sim(), '/journeys/list/get-lead-journeys?lead_id=1')

    const recorded = sim().requests()
    expect(recorded.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: 'POST', path: '/leads', status: 201 },
      { method: 'GET', path: '/leadinfos/:lead', status: 200 },
      { method: 'GET', path: '/journeys/list/get-lead-journeys', status: 401 },
    ])
    expect(JSON.stringify(recorded)).not.toMatch(/Lucía|example\.com|\+346/)
  })
})
