import 'fake-indexeddb/auto'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Courier, OutboxEntry } from '../../../src/renderer/src/outbox'
import type { ConsentRecord, Routing } from '../../../src/shared/entry'
import { scaledClock } from './clock'
import { seedFromEnv, seededDice, type Dice } from './dice'
import { fastTempRoot, startRig, type Rig } from './harness'
import { addRandomFaults } from './random-faults'
import { reportTable, soakReport, type SoakReport } from './soak-report'
import { draftFor, routingOf } from './visitors'

/**
 * Nothing lost, nothing duplicated: 2,000 visitors captured in waves while LeadCars fails one
 * request in five at random on every delivery endpoint, and goes away altogether in the middle
 * (3 s of real time, five minutes on the courier's clock), delivered by the real courier through
 * the real main core to the simulator. The courier's clock runs `speed` times faster than real
 * time, so backoff passes quickly. SOAK_SEED replays a run's dice (the order in which parallel
 * requests meet them still varies).
 */

const total = 2_000
const wave = 50
const waveGapMs = 2_000
const speed = 100
const outageMs = 3_000
const drainLimitMs = 240_000

const seed = seedFromEnv()
let rig: Rig
let report: SoakReport
let staffRetries = 0
let refused = 0

beforeAll(async () => {
  rig = await startRig({
    simulator: { random: seededDice(seed ^ 0x5eed) },
    tempRoot: fastTempRoot(),
  })
  addRandomFaults(rig.sim)
})

afterAll(async () => {
  await rig.close()
})

describe('soak: 2,000 entries through random faults and an outage', () => {
  it('delivers all, loses none; every duplicate lead is a counted ambiguous retry', async () => {
    const started = performance.now()
    const clock = scaledClock(speed)
    const courier = rig.startCourier({
      parallel: () => 4,
      now: clock.now,
      schedule: clock.schedule,
      random: seededDice(seed + 1),
    })

    const captured = await captureInWaves(courier, seededDice(seed), routingOf(rig.sim.reference))
    await drain(courier, started + drainLimitMs)
    await courier.stop()

    const wallSeconds = (performance.now() - started) / 1000
    const entries = await rig.outbox.list()
    refused = refusedAttempts(entries)
    report = soakReport({
      captured,
      entries,
      leads: rig.sim.leads(),
      contacts: rig.sim.contacts(),
      requests: rig.sim.requests(),
    })
    console.log(
      `\nSoak (seed ${seed}, clock x${speed}, parallel 4)\n` +
        reportTable(report, {
          'attempts refused while LeadCars was away': refused,
          'staff retries (unreadable answers)': staffRetries,
          'wall time (s)': wallSeconds.toFixed(1),
        }),
    )

    expect(report.captured).toBe(total)
    expect(report.missing).toBe(0)
    expect(report.undelivered).toBe(0)
    expect(report.delivered).toBe(total)
    expect(report.entriesWithoutLead).toBe(0)
    expect(report.leadsWithoutEntry).toBe(0)
    expect(report.duplicateLeads).toBeLessThanOrEqual(report.ambiguousRetries)
    expect(report.uncountedDuplicates).toEqual([])
    expect(report.wrongConsents).toEqual([])
    expect(rig.courierErrors).toEqual([])
  }, 300_000)

  it('met every kind of fault on the way', () => {
    const statuses = Object.keys(report.requestsByStatus)
    expect(statuses).toEqual(expect.arrayContaining(['200', '201', '429', '502', '503']))
    expect(report.requestsByStatus['no answer']).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)
    expect(report.duplicateLeads).toBeGreaterThan(0)
  })
})

/** Visitors arrive in waves; LeadCars goes away halfway through and comes back. */
async function captureInWaves(
  courier: Courier,
  dice: Dice,
  routing: Routing,
): Promise<Map<string, ConsentRecord[]>> {
  const captured = new Map<string, ConsentRecord[]>()
  let outage: Promise<void> | null = null
  for (let index = 0; index < total; index += 1) {
    const entry = await rig.outbox.add(draftFor(index, dice, routing))
    captured.set(entry.reference, entry.consents)
    if ((index + 1) % wave !== 0) continue

    courier.wake('captured')
    if (index + 1 === total / 2) outage = goAwayFor(outageMs)
    await sleep(waveGapMs)
  }
  await outage
  return captured
}

async function goAwayFor(ms: number): Promise<void> {
  await rig.sim.goDown()
  await sleep(ms)
  await rig.sim.goUp()
}

/**
 * Waits until every entry is delivered. Staff retry an entry that LeadCars answered unreadably
 * too often (needs attention by design); an entry that needs attention for any other reason
 * ends the wait, for the assertions to show.
 */
async function drain(courier: Courier, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    const counts = await rig.outbox.counts()
    if (counts.delivered === total) return
    const stuck = counts.needs_attention > 0 && (await retryUnreadable(courier)) === 0
    if (stuck) return
    await sleep(500)
  }
}

/** Staff retry entries that met too many unreadable answers; answers how many. */
async function retryUnreadable(courier: Courier): Promise<number> {
  const unreadable = (await rig.outbox.list()).filter(
    (entry) => entry.state === 'needs_attention' && entry.lastError?.kind === 'malformed',
  )
  for (const entry of unreadable) await rig.outbox.retry(entry.reference)
  staffRetries += unreadable.length
  if (unreadable.length > 0) courier.wake('retried')
  return unreadable.length
}

/** Failures the outbox recorded as a refused connection: the outage, seen from the kiosk. */
function refusedAttempts(entries: OutboxEntry[]): number {
  const refused = (message: string): boolean => message.includes('ECONNREFUSED')
  return entries.reduce(
    (sum, entry) => sum + entry.errors.filter((e) => refused(e.message)).length,
    0,
  )
}
