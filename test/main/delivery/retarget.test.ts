import { appendFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createDelivery,
  normaliseTarget,
  openDeliveryJournal,
  type Delivery,
  type DeliveryJournal,
} from '../../../src/main/delivery'
import { startSimulator, type Simulator } from '../../../src/main/simulator'
import { clientFor, deliveryRequest } from '../leadcars/fixtures'

let dir: string
let journalPath: string
let sims: Simulator[]
let journals: DeliveryJournal[]

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-retarget-'))
  journalPath = join(dir, 'delivery-journal.jsonl')
  sims = [await startSimulator(), await startSimulator()]
  journals = []
})

afterEach(async () => {
  await Promise.all(journals.splice(0).map((journal) => journal.close().catch(() => undefined)))
  await Promise.all(sims.map((sim) => sim.close()))
  await rm(dir, { recursive: true, force: true })
})

async function openJournal(): Promise<DeliveryJournal> {
  const journal = await openDeliveryJournal(journalPath)
  journals.push(journal)
  return journal
}

function deliveryTo(sim: Simulator, journal: DeliveryJournal, target = sim.url): Delivery {
  return createDelivery({
    client: clientFor(sim),
    journal,
    target,
    settings: () => ({ dynamicFieldPlacement: 'custom', automagic: { enabled: false } }),
    isAuthPaused: () => false,
    onAuthFailure: () => undefined,
    onReachability: () => undefined,
  })
}

const [first, second] = [0, 1]
const sim = (index: number): Simulator => sims[index] as Simulator

/** The first LeadCars stores the lead, then fails reading its contact. */
async function halfDelivered(journal: DeliveryJournal) {
  sim(first).addFault({
    method: 'GET',
    path: '/leadinfos/:id',
    fault: { type: 'status', status: 503 },
  })
  const request = deliveryRequest(sim(first))
  const outcome = await deliveryTo(sim(first), journal).deliver(request)
  expect(outcome).toMatchObject({ status: 'retry', steps: { lead: {} } })
  return { request, outcome }
}

describe('an entry half delivered to one LeadCars, then the kiosk points at another', () => {
  it('records the LeadCars with the first step, and keeps it across a restart', async () => {
    await halfDelivered(await openJournal())
    const reopened = await openJournal()
    const [reference] = reopened.references()
    expect(reopened.get(reference ?? '')?.target).toBe(normaliseTarget(sim(first).url))
  })

  it('asks staff to check it at the old LeadCars and sends nothing to the new one', async () => {
    const journal = await openJournal()
    const { request, outcome } = await halfDelivered(journal)
    const seenBefore = sim(second).requests().length

    const moved = await deliveryTo(sim(second), journal).deliver({
      ...request,
      steps: outcome.steps,
    })

    expect(moved).toMatchObject({ status: 'needs_attention', error: { kind: 'config' } })
    expect(moved.error?.message).toContain(new URL(sim(first).url).host)
    expect(moved.error?.message).toMatch(/check it there before resending/)
    expect(sim(second).requests()).toHaveLength(seenBefore)
    expect(journal.get(request.reference)?.state).toBe('needs_attention')
  })

  it('treats the same LeadCars spelt differently as the same one', async () => {
    const journal = await openJournal()
    const { request } = await halfDelivered(journal)
    sim(first).clearFaults()
    const spelt = sim(first).url.toUpperCase().replace('HTTP://', 'http://') + '/'

    const resumed = await deliveryTo(sim(first), journal, spelt).deliver(request)

    expect(resumed).toMatchObject({ status: 'delivered' })
    expect(sim(first).leads()).toHaveLength(1)
  })

  it('takes an entry journalled before targets were recorded as the current LeadCars', async () => {
    const request = deliveryRequest(sim(second))
    const legacy = { v: 1, ref: request.reference, at: '2026-12-01T10:00:00.000Z' }
    const lead = await deliveryTo(sim(second), await openJournal()).deliver(request)
    expect(lead).toMatchObject({ status: 'delivered' })
    await journals.splice(0)[0]?.close()
    await rm(journalPath)
    const leadId = lead.steps.lead?.leadId
    await appendFile(
      journalPath,
      JSON.stringify({ ...legacy, t: 'done', steps: { lead: { leadId, at: legacy.at } } }) + '\n',
    )

    const journal = await openJournal()
    expect(journal.get(request.reference)?.target).toBeUndefined()
    const resumed = await deliveryTo(sim(second), journal).deliver(request)

    expect(resumed).toMatchObject({ status: 'delivered' })
    expect(sim(second).leads()).toHaveLength(1)
  })
})
