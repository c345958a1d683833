import type { ServerResponse } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { deliveryRequest, startRecorder, type Seen } from '../leadcars/fixtures'
import { useBench } from './fixtures'

/**
 * Defect: a `POST /leads` answer that does not prove the lead was refused (a JSON 201 labelled
 * text/html, a redirect, a gateway's 5xx) closed the step, so the resend that may duplicate the
 * lead was never counted. Such a resend now counts one ambiguous retry; a refusal counts none.
 */

type Answer = (seen: Seen, res: ServerResponse) => void

const json = (res: ServerResponse, status: number, body: unknown, type = 'application/json') =>
  res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body))

/** LeadCars' later steps, answered well; `lead` answers POST /leads by attempt number. */
function leadCars(lead: (attempt: number, res: ServerResponse) => void): Answer {
  let posts = 0
  return (seen, res) => {
    if (seen.method === 'POST' && seen.url.endsWith('/leads')) return lead(++posts, res)
    if (seen.url.includes('/leadinfos/')) return json(res, 200, { contact: { data: { id: 9 } } })
    json(res, 200, {})
  }
}

describe('duplicate-lead-counting: a resend of the lead after an unproven refusal', () => {
  const bench = useBench()
  let close: (() => Promise<void>) | undefined
  afterEach(async () => close?.())

  async function against(answer: Answer) {
    const recorder = await startRecorder(answer)
    close = recorder.close
    const delivery = bench().withClient({ baseUrl: recorder.url })
    const posts = () => recorder.seen.filter((s) => s.method === 'POST' && s.url.endsWith('/leads'))
    return { delivery, posts }
  }

  it('takes a JSON 201 labelled text/html as the created lead: one POST, delivered', async () => {
    const { delivery, posts } = await against(
      leadCars((attempt, res) => json(res, 201, { id: 500 + attempt }, 'text/html; charset=UTF-8')),
    )

    const outcome = await delivery.deliver(deliveryRequest(bench().sim))

    expect(outcome).toMatchObject({ status: 'delivered', steps: { lead: { leadId: 501 } } })
    expect(posts()).toHaveLength(1)
  })

  it('counts each resend after a 504 as ambiguous, and still reports transient', async () => {
    const { delivery, posts } = await against(
      leadCars((attempt, res) =>
        attempt <= 2 ? res.writeHead(504).end('Gateway Time-out') : json(res, 201, { id: 7 }),
      ),
    )
    const request = deliveryRequest(bench().sim)

    const first = await delivery.deliver(request)
    await delivery.deliver(request)
    const last = await delivery.deliver(request)

    expect(first).toMatchObject({ status: 'retry', error: { kind: 'transient', status: 504 } })
    expect(last).toMatchObject({ status: 'delivered', ambiguousRetries: 2 })
    expect(posts()).toHaveLength(3)
  })

  it('counts the resend after a redirect as ambiguous', async () => {
    const { delivery } = await against(
      leadCars((attempt, res) =>
        attempt === 1
          ? res.writeHead(303, { location: '/api/v2/leads/501' }).end()
          : json(res, 201, { id: 502 }),
      ),
    )
    const request = deliveryRequest(bench().sim)

    expect(await delivery.deliver(request)).toMatchObject({ status: 'retry' })
    expect(await delivery.deliver(request)).toMatchObject({
      status: 'delivered',
      ambiguousRetries: 1,
    })
  })

  it('counts the resend after a captive portal page as ambiguous', async () => {
    const { sim, delivery } = bench()
    sim.addFault({ method: 'POST', path: '/leads', times: 1, fault: { type: 'html' } })
    const request = deliveryRequest(sim)

    expect(await delivery.deliver(request)).toMatchObject({ error: { kind: 'transient' } })
    expect(await delivery.deliver(request)).toMatchObject({
      status: 'delivered',
      ambiguousRetries: 1,
    })
  })

  it.each([400, 422, 429])('counts nothing after a %i refusal', async (status) => {
    const { sim, delivery } = bench()
    sim.addFault({ method: 'POST', path: '/leads', times: 1, fault: { type: 'status', status } })
    const request = deliveryRequest(sim)

    await delivery.deliver(request)
    const last = await delivery.deliver(request)

    expect(last).toMatchObject({ status: 'delivered', ambiguousRetries: 0 })
  })

  it('counts nothing after a refused connection', async () => {
    const { sim, delivery } = bench()
    await sim.goDown()
    const request = deliveryRequest(sim)

    expect(await delivery.deliver(request)).toMatchObject({ error: { kind: 'transient' } })
    await sim.goUp()
    expect(await delivery.deliver(request)).toMatchObject({
      status: 'delivered',
      ambiguousRetries: 0,
    })
  })

  it('leaves other steps as they were: a 503 on the contact is not counted', async () => {
    const { sim, delivery } = bench()
    const fault = { type: 'status', status: 503 } as const
    sim.addFault({ method: 'GET', path: '/leadinfos/:lead', times: 1, fault })
    const request = deliveryRequest(sim)

    await delivery.deliver(request)
    const last = await delivery.deliver(request)

    expect(last).toMatchObject({ status: 'delivered', ambiguousRetries: 0 })
  })
})
