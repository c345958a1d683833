import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { startSimulator, type RecordedRequest, type Simulator } from '../../src/main/simulator'
import type { HaltPoint } from '../host/halt'
import { readJournalEntry, readJournalRecords } from '../host/journal-file'
import { simulatorEnv, spawnHost, type HostProcess } from '../host/process'
import { captureVisitor, entryStates, lucia, openSyncStatus } from './visitor'

type Step = 'lead' | 'contact' | 'gdpr'

/** Where the kill lands: the three boundaries of a step, and two ways the step failed first. */
type Boundary = 'before-request' | 'in-flight' | 'before-record' | 'unreachable' | 'answer-lost'

type Case = {
  step: Step
  boundary: Boundary
  label: string
  /** How many times LeadCars receives the step's request in all. */
  sends: 1 | 2
  /** The ambiguous retries the entry may count. */
  ambiguous: { min: number; max: number }
}

const requestOf: Record<Step, { method: string; path: string }> = {
  lead: { method: 'POST', path: '/leads' },
  contact: { method: 'GET', path: '/leadinfos/:lead' },
  gdpr: { method: 'PUT', path: '/gdprs/:contact' },
}
const steps = Object.keys(requestOf) as Step[]

const [none, once, maybe] = [
  { min: 0, max: 0 },
  { min: 1, max: 1 },
  { min: 0, max: 1 },
]
const boundaries: Omit<Case, 'step'>[] = [
  { boundary: 'before-request', label: 'before it left', sends: 1, ambiguous: maybe },
  { boundary: 'in-flight', label: 'while it was in flight', sends: 2, ambiguous: once },
  { boundary: 'before-record', label: 'answered but unrecorded', sends: 2, ambiguous: once },
]
const cases: Case[] = [
  ...steps.flatMap((step) => boundaries.map((boundary) => ({ ...boundary, step }))),
  { step: 'lead', boundary: 'unreachable', label: 'after a refusal', sends: 1, ambiguous: none },
  {
    step: 'lead',
    boundary: 'answer-lost',
    label: 'after a lost answer',
    sends: 2,
    ambiguous: once,
  },
]

/** How long LeadCars holds a request in flight: ample time to kill the host meanwhile. */
const heldMs = 8_000

/** A simulator, a host process on a fresh data dir, and a crash of both page and host. */
type CrashKiosk = {
  sim: Simulator
  dataDir: string
  /** Starts the first host, frozen at `halt` when given. */
  start(halt?: HaltPoint): Promise<HostProcess>
  /** Kills the page and the host, brings LeadCars up, starts a host on the same port, reloads. */
  crashAndRestart(page: Page): Promise<void>
}

const test = base.extend<{ crash: CrashKiosk }>({
  crash: async ({}, use) => {
    const sim = await startSimulator()
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-crash-'))
    const env = simulatorEnv(sim)
    let host = null as HostProcess | null
    await use({
      sim,
      dataDir,
      start: async (halt) => (host = await spawnHost({ dataDir, env, halt })),
      crashAndRestart: async (page) => {
        if (!host) throw new Error('No host was started')
        await page.goto('about:blank')
        await host.kill()
        await sim.goUp()
        host = await spawnHost({ dataDir, env, port: host.port })
        await page.goto(host.url)
      },
    })
    await host?.kill()
    await sim.close()
    await rm(dataDir, { recursive: true, force: true })
  },
})

/** Sets the trap for a case and starts the host; answers the host and a wait for the trap. */
async function arm(crash: CrashKiosk, { step, boundary }: Case) {
  const { sim, dataDir } = crash
  const { method, path } = requestOf[step]
  const poll = (check: () => boolean | Promise<boolean>) => () =>
    expect.poll(check, { timeout: 30_000, intervals: [100] }).toBe(true)

  switch (boundary) {
    case 'before-request':
    case 'before-record': {
      const host = await crash.start({ boundary, step })
      return { host, sprung: () => host.halted() }
    }
    case 'in-flight': {
      sim.addFault({ method, path, times: 1, fault: { type: 'delay', ms: heldMs } })
      const held = () => sentOf(sim, step).some((request) => request.status === null)
      return { host: await crash.start(), sprung: poll(held) }
    }
    case 'unreachable':
      await sim.goDown()
      return { host: await crash.start(), sprung: poll(() => endedAfter(dataDir, 'failed', step)) }
    case 'answer-lost':
      sim.addFault({ method, path, times: 1, fault: { type: 'drop-after-store' } })
      return { host: await crash.start(), sprung: poll(() => endedAfter(dataDir, 'started', step)) }
  }
}

/** The step's requests as LeadCars recorded them (`status` null: never answered). */
function sentOf(sim: Simulator, step: Step): RecordedRequest[] {
  const { method, path } = requestOf[step]
  return sim.requests().filter((request) => request.method === method && request.path === path)
}

/** How often each step's request reached LeadCars. */
function sentPerStep(sim: Simulator): Record<Step, number> {
  const sent = steps.map((step) => [step, sentOf(sim, step).length])
  return Object.fromEntries(sent) as Record<Step, number>
}

type Snapshot = { sent: Record<Step, number>; answered: boolean }

/** What LeadCars has seen of the delivery so far, and whether it answered `step`. */
function snapshot(sim: Simulator, step: Step): Snapshot {
  const answered = sentOf(sim, step).some((request) => request.status !== null)
  return { sent: sentPerStep(sim), answered }
}

/** Whether main ended an attempt (back to pending) after a `started` or `failed` of the step. */
async function endedAfter(dataDir: string, kind: 'started' | 'failed', step: Step) {
  const records = await readJournalRecords(dataDir)
  const mark = records.findIndex((r) => r.t === kind && 'step' in r && r.step === step)
  return mark >= 0 && records.slice(mark).some((r) => r.t === 'state' && r.state === 'pending')
}

/** Opens the staff view, waits for the one entry to be delivered, and answers its reference. */
async function deliveredEntry(page: Page): Promise<string> {
  await openSyncStatus(page)
  await expect.poll(() => entryStates(page), { timeout: 45_000 }).toEqual(['delivered'])
  await expect(page.getByTestId('missing-alert')).toHaveCount(0)
  return (await page.getByTestId('entry-row').getAttribute('data-reference')) ?? ''
}

/** The ambiguous retries the staff view shows on the entry's row. */
async function shownAmbiguous(page: Page): Promise<number> {
  const text = await page.getByTestId('entry-row').innerText()
  return Number(/(\d+) reintentos? dudosos?/.exec(text)?.[1] ?? 0)
}

/** What LeadCars had seen at the kill: earlier steps once, the step `sends - 1` times. */
function expectKilledAt(seen: Snapshot, { step, boundary, sends }: Case): void {
  const index = steps.indexOf(step)
  const expected = steps.map((name, at) => [name, at < index ? 1 : at === index ? sends - 1 : 0])
  expect(seen.sent).toEqual(Object.fromEntries(expected))
  expect(seen.answered).toBe(boundary === 'before-record')
}

/** Resumed at the first unfinished step: only the interrupted request went again. */
function expectResumed(sim: Simulator, { step, sends }: Case): void {
  expect(sentPerStep(sim)).toEqual({ lead: 1, contact: 1, gdpr: 1, [step]: sends })
}

/** One lead, or a duplicate that carries the entry's reference and is counted as ambiguous. */
async function expectLeads(page: Page, crash: CrashKiosk, reference: string, current: Case) {
  const { sim, dataDir } = crash
  const duplicates = current.step === 'lead' && current.sends === 2 ? 1 : 0
  const leads = () => sim.leads().filter((lead) => lead.dynamic.kiosk_ref === reference)
  await expect.poll(() => leads().length, { timeout: heldMs + 20_000 }).toBe(1 + duplicates)
  expect(sim.leads()).toHaveLength(1 + duplicates)

  const counted = await shownAmbiguous(page)
  expect((await readJournalEntry(dataDir, reference))?.ambiguousRetries).toBe(counted)
  expect(counted).toBeGreaterThanOrEqual(Math.max(current.ambiguous.min, duplicates))
  expect(counted).toBeLessThanOrEqual(current.ambiguous.max)
}

/** Every lead of the entry shares one contact, which holds the four flags as answered. */
function expectConsents(sim: Simulator, reference: string): void {
  const leads = sim.leads().filter((lead) => lead.dynamic.kiosk_ref === reference)
  const contactIds = new Set(leads.map((lead) => lead.contactId))
  expect(contactIds.size).toBe(1)
  const contact = sim.contacts().find((candidate) => contactIds.has(candidate.id))
  expect(contact?.gdpr).toEqual({ gdpr1: true, gdpr2: true, gdpr3: false, gdpr4: false })
}

test.describe('no-network-inside-transaction', () => {
  for (const current of cases) {
    const { method, path } = requestOf[current.step]

    test(`killed at ${method} ${path} ${current.label}: resumed, delivered, nothing lost`, async ({
      page,
      crash,
    }) => {
      const { host, sprung } = await arm(crash, current)
      await page.goto(host.url)
      await captureVisitor(page, lucia, { marketing: true, brand: false })
      await sprung()
      const seen = snapshot(crash.sim, current.step)

      await crash.crashAndRestart(page)
      const reference = await deliveredEntry(page)

      expectKilledAt(seen, current)
      expectResumed(crash.sim, current)
      await expectLeads(page, crash, reference, current)
      expectConsents(crash.sim, reference)
    })
  }
})
