import { vi } from 'vitest'
import { createMemoryLogger } from '../../../src/main/log'
import type { RecordedRequest, SimLead } from '../../../src/main/simulator'
import type { Courier, OutboxEntry } from '../../../src/renderer/src/outbox'
import type { EntryState, Visitor } from '../../../src/shared/entry'
import { heldTimers, steppedClock, type HeldTimers, type SteppedClock } from './clock'
import { seededDice } from './dice'
import { startRig, type Rig, type RigOptions } from './harness'
import { draftFor, routingOf } from './visitors'

/**
 * The fault matrix's rig: the whole delivery path with a courier on a clock the test moves and
 * timers the test runs, one lane wide so that the order of attempts is known.
 */
export type MatrixRig = Rig & {
  clock: SteppedClock
  timers: HeldTimers
  courier: Courier
  /** Stores a new entry, as the kiosk does when a visitor presses Send (no wake). */
  capture(visitor?: Partial<Visitor>): Promise<OutboxEntry>
  entry(reference: string): Promise<OutboxEntry>
  /** Staff press "send now": resolves once the flush is over and the next timer is armed. */
  flush(): Promise<void>
  /** Wakes the courier for `reason`; resolves once that flush is over. */
  wake(reason: string): Promise<void>
  /** Runs the courier's next timer (the clock moves to it); resolves once `reference` moves on. */
  runNextTimer(reference: string): Promise<OutboxEntry>
  /** Waits until the entry reaches `state` (something else delivers it: a wake, a timer). */
  reaches(reference: string, state: EntryState): Promise<OutboxEntry>
  leadsOf(entry: OutboxEntry): SimLead[]
  requestsTo(method: string, path: string): RecordedRequest[]
  /** Names, emails and phones of the captured visitors found in the core's log (every level). */
  personalDataInLogs(): string[]
}

const patience = { timeout: 15_000, interval: 20 }

export async function openMatrixRig(options: RigOptions = {}): Promise<MatrixRig> {
  const rig = await startRig({ logger: createMemoryLogger('debug'), ...options })
  const clock = steppedClock()
  const timers = heldTimers(clock)
  const dice = seededDice(2026)
  const routing = routingOf(rig.sim.reference)
  const visitors: Visitor[] = []

  const timerArmed = async (): Promise<void> => {
    await vi.waitFor(() => {
      if (timers.armed().length === 0) throw new Error('The courier armed no timer')
    }, patience)
  }

  const courier = rig.startCourier({
    parallel: () => 1,
    now: clock.now,
    schedule: timers.schedule,
    random: () => 0.5,
  })
  await timerArmed()

  const entry = async (reference: string): Promise<OutboxEntry> => {
    const found = await rig.outbox.get(reference)
    if (!found) throw new Error(`Entry ${reference} is not in the outbox`)
    return found
  }

  const flush = async (): Promise<void> => {
    await courier.sendNow()
    await timerArmed()
  }

  const wake = async (reason: string): Promise<void> => {
    courier.wake(reason)
    await timerArmed()
  }

  const movedOn = async (reference: string, attemptedAt: string | null): Promise<OutboxEntry> => {
    await vi.waitFor(async () => {
      const now = await entry(reference)
      if (now.state === 'sending' || now.lastAttemptAt === attemptedAt) throw new Error('waiting')
    }, patience)
    await timerArmed()
    return await entry(reference)
  }

  const runNextTimer = async (reference: string): Promise<OutboxEntry> => {
    const before = await entry(reference)
    const dueAt = Math.min(...timers.armed().map((timer) => timer.dueAt))
    clock.advance(Math.max(0, dueAt - clock.now()))
    if (timers.runDue() === 0) throw new Error('No courier timer was due')
    return await movedOn(reference, before.lastAttemptAt)
  }

  const reaches = async (reference: string, state: EntryState): Promise<OutboxEntry> => {
    await vi.waitFor(async () => {
      if ((await entry(reference)).state !== state) throw new Error(`waiting for ${state}`)
    }, patience)
    return await entry(reference)
  }

  return {
    ...rig,
    clock,
    timers,
    courier,
    capture: async (changes = {}) => {
      const draft = draftFor(visitors.length, dice, routing)
      const visitor = { ...draft.visitor, ...changes }
      visitors.push(visitor)
      return await rig.outbox.add({ ...draft, visitor })
    },
    entry,
    flush,
    wake,
    runNextTimer,
    reaches,
    leadsOf: (found) =>
      rig.sim.leads().filter((lead) => lead.dynamic.kiosk_ref === found.deliveryKey),
    personalDataInLogs: () => {
      const log = JSON.stringify(rig.logger.records)
      const personal = visitors.flatMap(({ firstName, lastName, email, phone }) => [
        firstName,
        lastName,
        email,
        phone ?? email,
      ])
      return personal.filter((value) => log.includes(value))
    },
    requestsTo: (method, path) =>
      rig.sim.requests().filter((request) => request.method === method && request.path === path),
  }
}
