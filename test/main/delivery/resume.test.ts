import { describe, expect, it } from 'vitest'
import type { FaultRule } from '../../../src/main/simulator'
import { deliveryRequest } from '../leadcars/fixtures'
import { useBench } from './fixtures'

describe('no-network-inside-transaction: resuming a delivery after a failure or a restart', () => {
  const bench = useBench()

  it('counts an answer lost after the lead was stored, re-sent after a restart', async () => {
    const { sim, delivery } = bench()
    sim.addFault({ method: 'POST', path: '/leads', times: 1, fault: { type: 'drop-after-store' } })
    const request = deliveryRequest(sim)

    const lost = await delivery.deliver(request)
    const resumed = await (await bench().restart()).deliver(request)

    expect(lost).toMatchObject({ status: 'retry', error: { kind: 'ambiguous' }, steps: {} })
    expect(resumed).toMatchObject({ status: 'delivered', ambiguousRetries: 1 })
    expect(sim.leads()).toHaveLength(2)
    expect(sim.leads().map((lead) => lead.dynamic.kiosk_ref)).toEqual([
      request.reference,
      request.reference,
    ])
    expect(resumed.steps.lead?.leadId).toBe(sim.leads()[1]?.id)
  })

  it('counts a request in flight when main died, re-sent after the restart', async () => {
    const { sim } = bench()
    const request = deliveryRequest(sim)
    const dying = bench().withClient({
      fetch: async (input, init) => {
        await fetch(input, init)
        return new Promise<Response>(() => undefined)
      },
    })

    void dying.deliver(request)
    await waitFor(() => sim.leads().length === 1)
    const resumed = await (await bench().restart()).deliver(request)

    expect(resumed).toMatchObject({ status: 'delivered', ambiguousRetries: 1 })
    expect(sim.leads()).toHaveLength(2)
  })

  it('counts a step marked started whose request never left, and sends it once', async () => {
    const { sim, journal } = bench()
    const request = deliveryRequest(sim)
    await journal.markStarted(request.reference, 'lead')

    const resumed = await (await bench().restart()).deliver(request)

    expect(resumed).toMatchObject({ status: 'delivered', ambiguousRetries: 1 })
    expect(sim.leads()).toHaveLength(1)
  })

  const failures: [string, FaultRule, string][] = [
    [
      'GET /leadinfos',
      { method: 'GET', path: '/leadinfos/:id', fault: { type: 'status', status: 503 } },
      'contact',
    ],
    ['PUT /gdprs', { method: 'PUT', path: '/gdprs/:id', fault: { type: 'reset' } }, 'gdpr'],
  ]

  it.each(failures)(
    'resumes at the first unfinished step after %s failed',
    async (_, rule, step) => {
      const { sim, delivery } = bench()
      sim.addFault({ ...rule, times: 1 })
      const request = deliveryRequest(sim)

      const failed = await delivery.deliver(request)
      const resumed = await (await bench().restart()).deliver(request)

      expect(failed.status).toBe('retry')
      expect(failed.steps).toHaveProperty('lead')
      expect(failed.steps).not.toHaveProperty(step)
      expect(resumed.status).toBe('delivered')
      expect(sim.leads()).toHaveLength(1)
      expect(bench().requestsTo('POST', '/leads')).toBe(1)
      expect(resumed.ambiguousRetries).toBe(rule.fault.type === 'reset' ? 1 : 0)
    },
  )

  it('trusts the steps the outbox knows when the journal was lost', async () => {
    const { sim, delivery } = bench()
    const request = deliveryRequest(sim)
    sim.addFault({
      method: 'PUT',
      path: '/gdprs/:id',
      times: 1,
      fault: { type: 'status', status: 502 },
    })
    const first = await delivery.deliver(request)
    const other = await bench().restart({ journalFile: 'other-journal.jsonl' })

    const resumed = await other.deliver({ ...request, steps: first.steps })

    expect(resumed.status).toBe('delivered')
    expect(bench().requestsTo('POST', '/leads')).toBe(1)
    expect(bench().requestsTo('GET', '/leadinfos/:lead')).toBe(1)
  })
})

describe('outbox-manual-retry-keeps-entries: LeadCars refusing, then answering 503', () => {
  const bench = useBench()

  it('keeps every entry waiting, with its attempts and last error', async () => {
    const { sim, delivery, journal, hooks } = bench()
    const requests = [1, 2, 3].map(() => deliveryRequest(sim))
    await sim.goDown()

    const refused = await Promise.all(requests.map((request) => delivery.deliver(request)))
    await sim.goUp()
    sim.addFault({ fault: { type: 'status', status: 503, retryAfter: '30' } })
    const busy = await Promise.all(requests.map((request) => delivery.deliver(request)))

    for (const outcome of refused) {
      expect(outcome).toMatchObject({ status: 'retry', error: { kind: 'transient' } })
      expect(outcome.error?.message).toContain('ECONNREFUSED')
    }
    for (const outcome of busy) {
      expect(outcome).toMatchObject({
        status: 'retry',
        error: { kind: 'transient', status: 503, retryAfterMs: 30_000 },
      })
    }
    for (const request of requests) {
      expect(journal.get(request.reference)).toMatchObject({
        state: 'pending',
        attempts: 2,
        // a 503 does not prove the lead was refused: its resend will count as ambiguous
        inFlight: ['lead'],
      })
    }
    expect(sim.leads()).toHaveLength(0)
    expect(hooks.reachability).toEqual([false, false, false, true, true, true])
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
