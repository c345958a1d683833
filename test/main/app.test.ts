import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { KioskEvent } from '../../src/shared/contract'
import { createKioskCore } from '../../src/main/app'
import type { KioskCore, KioskCoreOptions } from '../../src/main/app'
import { createMemoryLogger } from '../../src/main/log'
import { createKeyCipher } from '../../src/main/secrets'
import type { Cipher } from '../../src/main/secrets'
import { startSimulator } from '../../src/main/simulator'
import type { Simulator } from '../../src/main/simulator'
import { sampleDeliveryRequest, simulatorRouting } from '../host/requests'

let dir: string
let sim: Simulator
const cores: KioskCore[] = []

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-core-'))
  sim = await startSimulator()
})

afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()))
  await sim.close()
  await rm(dir, { recursive: true, force: true })
})

async function open(options: Partial<KioskCoreOptions> = {}): Promise<KioskCore> {
  const core = await createKioskCore({
    dataDir: dir,
    cipher: createKeyCipher(randomBytes(32)),
    logger: createMemoryLogger(),
    timeoutMs: 5_000,
    ...options,
  })
  cores.push(core)
  return core
}

/** A core pointed at the test simulator through saved settings (not the environment). */
async function openCustom(options: Partial<KioskCoreOptions> = {}): Promise<KioskCore> {
  const core = await open(options)
  const saved = await core.saveSettings({ environment: 'custom', customBaseUrl: sim.url })
  expect(saved.ok).toBe(true)
  return core
}

function envFor(simulator: Simulator, token = simulator.token): Record<string, string> {
  return {
    LEADCARS_URL: simulator.url,
    LEADCARS_TOKEN: token,
    LEADCARS_DEALER: String(simulator.reference.dealerId),
    LEADCARS_SITE: String(simulator.reference.siteId),
    LEADCARS_CAMPAIGN: simulator.reference.campaignCode,
    LEADCARS_LEAD_TYPE: String(simulator.reference.showroomLeadTypeId),
  }
}

function recordEvents(core: KioskCore): KioskEvent[] {
  const events: KioskEvent[] = []
  core.onEvent((event) => events.push(event))
  return events
}

const request = () => sampleDeliveryRequest(simulatorRouting(sim.reference))

describe('demo mode', () => {
  it('starts in demo with the embedded simulator and its routing, and delivers there', async () => {
    const core = await open()

    const settings = core.getSettings()
    expect(core.getStatus().demo).toBe(true)
    expect(settings.environment).toBe('demo')
    expect(settings.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2$/)
    expect(settings.baseUrl).not.toBe(sim.url)
    expect(settings.routing.dealerId).toBeGreaterThan(0)
    expect(settings.routing.leadTypeId).toBeGreaterThan(0)

    const routing = { dealerId: 0, leadTypeId: 0, ...settings.routing }
    const outcome = await core.deliver(sampleDeliveryRequest(routing))
    expect(outcome).toMatchObject({ ok: true, value: { status: 'delivered' } })
    expect(sim.leads()).toHaveLength(0)
  })

  it('leaves demo when staff choose another environment', async () => {
    const core = await openCustom()
    expect(core.getStatus().demo).toBe(false)
    expect(core.getSettings()).toMatchObject({ environment: 'custom', baseUrl: sim.url })
  })
})

describe('environment overrides', () => {
  it('uses LEADCARS_* for this run only, keeping the token in memory', async () => {
    const core = await open({ env: envFor(sim) })

    expect(core.getSettings()).toMatchObject({
      environment: 'custom',
      baseUrl: sim.url,
      routing: simulatorRouting(sim.reference),
    })
    const outcome = await core.deliver(request())
    expect(outcome).toMatchObject({ ok: true, value: { status: 'delivered' } })
    for (const file of await readdir(dir)) {
      if (file.endsWith('.json')) {
        expect(await readFile(join(dir, file), 'utf8')).not.toContain(sim.token)
      }
    }
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      environment: 'demo',
      routing: {},
    })
  })

  it('refuses an invalid variable, naming it without its value', async () => {
    await expect(
      open({ env: { LEADCARS_URL: 'not a url', LEADCARS_TOKEN: 'abc' } }),
    ).rejects.toThrow(/LEADCARS_URL, LEADCARS_TOKEN/)
  })
})

describe('auth pause', () => {
  it('pauses on a refused token and resumes once a new token tests well', async () => {
    const core = await openCustom()
    const events = recordEvents(core)
    await core.setToken('WrongToken0000000000')
    await vi.waitFor(() => expect(core.getStatus().authPaused).toBe(true))

    const paused = await core.deliver(request())
    expect(paused).toMatchObject({ ok: true, value: { status: 'paused' } })
    expect(sim.leads()).toHaveLength(0)

    await core.setToken(sim.token)
    await vi.waitFor(() => expect(core.getStatus().authPaused).toBe(false))
    expect(events).toContainEqual({ type: 'wake', reason: 'token' })
    const resumed = await core.deliver(request())
    expect(resumed).toMatchObject({ ok: true, value: { status: 'delivered' } })
  })

  it('pauses when a delivery meets 401, and tells listeners', async () => {
    const core = await open({ env: envFor(sim, 'RevokedToken00000000') })
    const events = recordEvents(core)

    const outcome = await core.deliver(request())

    expect(outcome).toMatchObject({
      ok: true,
      value: { status: 'paused', error: { kind: 'auth' } },
    })
    expect(core.getStatus().authPaused).toBe(true)
    expect(events).toContainEqual({
      type: 'status',
      status: expect.objectContaining({ authPaused: true }),
    })
  })
})

describe('auth pause: a right token after a wrong one', () => {
  it('resumes, and delivers every waiting entry exactly once', async () => {
    const core = await openCustom()
    await core.setToken('WrongToken0000000000')
    await vi.waitFor(() => expect(core.getStatus().authPaused).toBe(true))
    const requests = Array.from({ length: 5 }, request)
    const held = await Promise.all(requests.map((q) => core.deliver(q)))
    expect(held.every((o) => o.ok && o.value.status === 'paused')).toBe(true)

    await core.setToken(sim.token)
    await vi.waitFor(() => expect(core.getStatus().authPaused).toBe(false))
    const sent = await Promise.all(requests.map((q) => core.deliver(q)))
    const again = await Promise.all(requests.map((q) => core.deliver(q)))

    expect(sent.every((o) => o.ok && o.value.status === 'delivered')).toBe(true)
    expect(again.every((o) => o.ok && o.value.status === 'delivered')).toBe(true)
    expect(sim.leads()).toHaveLength(5)
    const posts = sim.requests().filter((q) => q.method === 'POST' && q.path.endsWith('/leads'))
    expect(posts).toHaveLength(5)
  })

  it('lifts the pause by itself when a token saved while LeadCars was unreachable tests well later', async () => {
    const core = await openCustom()
    await core.setToken(sim.token)
    await vi.waitFor(() => expect(sim.requests().length).toBeGreaterThan(0))
    sim.addFault({
      method: 'POST',
      path: '/leads',
      times: 1,
      fault: { type: 'status', status: 401 },
    })
    const q = request()
    expect(await core.deliver(q)).toMatchObject({ ok: true, value: { status: 'paused' } })
    const events = recordEvents(core)

    await sim.goDown()
    await core.setToken(sim.token)
    await vi.waitFor(() => expect(core.getStatus().connectivity.reachable).toBe(false))
    expect(core.getStatus().authPaused).toBe(true)
    await sim.goUp()
    core.networkChanged()

    await vi.waitFor(() => expect(core.getStatus().authPaused).toBe(false), { timeout: 5_000 })
    expect(events).toContainEqual({ type: 'wake', reason: 'token' })
    expect(events).toContainEqual({
      type: 'status',
      status: expect.objectContaining({ authPaused: false }),
    })
    expect(await core.deliver(q)).toMatchObject({ ok: true, value: { status: 'delivered' } })
    expect(sim.leads()).toHaveLength(1)
  })
})

describe('switching LeadCars with an entry half delivered', () => {
  it("sends none of the old LeadCars' ids to the new one, and asks staff to check", async () => {
    const production = await startSimulator()
    try {
      const core = await openCustom()
      await core.setToken(sim.token)
      sim.addFault({
        method: 'GET',
        path: '/leadinfos/:id',
        fault: { type: 'status', status: 503 },
      })
      const ours = request()
      const first = await core.deliver(ours)
      expect(first).toMatchObject({ ok: true, value: { status: 'retry', steps: { lead: {} } } })
      const steps = first.ok ? first.value.steps : {}

      await core.saveSettings({ environment: 'custom', customBaseUrl: production.url })
      await core.setToken(production.token)
      const seen = production.requests().length
      const second = await core.deliver({ ...ours, steps })

      expect(second).toMatchObject({
        ok: true,
        value: { status: 'needs_attention', error: { kind: 'config' } },
      })
      const message = second.ok ? (second.value.error?.message ?? '') : ''
      expect(message).toContain(new URL(sim.url).host)
      const toProduction = production.requests().slice(seen)
      const connectionTests = (q: { method: string; path: string }) =>
        q.method === 'GET' && q.path === '/tipos'
      expect(toProduction.filter((q) => !connectionTests(q))).toEqual([])
      expect(production.contacts()).toEqual([])
    } finally {
      await production.close()
    }
  })
})

describe('secret-store-unavailable', () => {
  it('says unprotected when the OS has no keychain (basic_text), and still delivers', async () => {
    const basicText: Cipher = {
      ...createKeyCipher(randomBytes(32)),
      available: () => false,
      backend: () => 'basic_text',
    }
    const core = await openCustom({ cipher: basicText })

    expect(await core.setToken(sim.token)).toEqual({ ok: true, value: 'unprotected' })
    expect(core.getStatus().tokenState).toBe('unprotected')
    expect(core.getSettings().tokenState).toBe('unprotected')
    const outcome = await core.deliver(request())
    expect(outcome).toMatchObject({ ok: true, value: { status: 'delivered' } })
  })

  it('marks the token unreadable after a key change, pauses delivery, loses nothing', async () => {
    const first = await openCustom()
    await first.setToken(sim.token)
    await first.close()

    const core = await open({ cipher: createKeyCipher(randomBytes(32)) })
    const waitingEntry = request()
    expect(core.getStatus().tokenState).toBe('unreadable')
    const outcome = await core.deliver(waitingEntry)
    expect(outcome).toMatchObject({ ok: true, value: { status: 'paused' } })
    expect(sim.leads()).toHaveLength(0)

    expect(await core.setToken(sim.token)).toEqual({ ok: true, value: 'stored' })
    await vi.waitFor(() => expect(core.getStatus().tokenState).toBe('stored'))
    const retried = await core.deliver(waitingEntry)
    expect(retried).toMatchObject({ ok: true, value: { status: 'delivered' } })
    expect(sim.leads()).toHaveLength(1)
  })
})

describe('connection test and reference lists', () => {
  it('finds the showroom lead type', async () => {
    const core = await open({ env: envFor(sim) })
    const test = await core.testConnection()
    expect(test).toMatchObject({
      ok: true,
      value: { showroomLeadTypeId: sim.reference.showroomLeadTypeId },
    })
    if (test.ok) expect(test.value.leadTypes).toBeGreaterThan(1)
  })

  it('serves the cached lists while LeadCars is unreachable, even after a restart', async () => {
    const core = await open({ env: envFor(sim) })
    const fresh = await core.getReferenceLists()
    expect(fresh.ok).toBe(true)
    if (!fresh.ok) return
    expect(fresh.value.dealers.map((dealer) => dealer.id)).toContain(sim.reference.dealerId)
    expect(fresh.value.campaigns.map((campaign) => campaign.code)).toContain(
      sim.reference.campaignCode,
    )
    await core.close()

    await sim.goDown()
    const restarted = await open({ env: envFor(sim) })
    expect(await restarted.getReferenceLists()).toEqual(fresh)
  })

  it('fails with a transient error when offline with nothing cached', async () => {
    await sim.goDown()
    const core = await open({ env: envFor(sim) })
    const lists = await core.getReferenceLists()
    expect(lists).toMatchObject({ ok: false, error: { kind: 'transient' } })
  })
})

describe('ledger', () => {
  it('records unknown references and reports those the outbox lost', async () => {
    const core = await open({ env: envFor(sim) })
    const delivered = request()
    await core.deliver(delivered)
    const captured = await core.reportLedger({
      rows: [{ reference: 'c0ffee00-0000-4000-8000-000000000001', state: 'pending' }],
      complete: false,
    })
    expect(captured).toEqual({ ok: true, value: { missing: [] } })

    const report = await core.reportLedger({
      rows: [{ reference: delivered.reference, state: 'delivered' }],
      complete: true,
    })

    expect(report).toEqual({
      ok: true,
      value: { missing: ['c0ffee00-0000-4000-8000-000000000001'] },
    })
  })

  it('does not call a delivered or discarded entry missing from a wiped outbox', async () => {
    const core = await open({ env: envFor(sim) })
    const delivered = request()
    await core.deliver(delivered)
    const discarded = 'c0ffee00-0000-4000-8000-000000000002'
    await core.reportLedger({ rows: [{ reference: discarded, state: 'pending' }], complete: false })
    await core.reportLedger({
      rows: [{ reference: discarded, state: 'discarded' }],
      complete: false,
    })

    const report = await core.reportLedger({ rows: [], complete: true })

    expect(report).toEqual({ ok: true, value: { missing: [] } })
  })

  it('counts a resend under its own key as the same entry', async () => {
    const core = await open({ env: envFor(sim) })
    const original = request()
    await core.deliver({ ...original, reference: `${original.reference}-r1` })

    const report = await core.reportLedger({
      rows: [{ reference: original.reference, state: 'delivered' }],
      complete: true,
    })

    expect(report).toEqual({ ok: true, value: { missing: [] } })
  })
})

describe('connectivity', () => {
  it('goes unreachable on a refused connection and wakes the courier once it is back', async () => {
    const core = await open({ env: envFor(sim) })
    const events = recordEvents(core)
    await sim.goDown()

    const failed = await core.deliver(request())
    expect(failed).toMatchObject({ ok: true, value: { status: 'retry' } })
    expect(core.getStatus().connectivity.reachable).toBe(false)
    expect(events).toContainEqual({
      type: 'connectivity',
      connectivity: expect.objectContaining({ reachable: false }),
    })

    await sim.goUp()
    core.networkChanged()
    await vi.waitFor(() => expect(core.getStatus().connectivity.reachable).toBe(true))
    expect(events).toContainEqual({ type: 'wake', reason: 'connectivity' })
  })
})

describe('staff PIN', () => {
  it('locks PIN checks after repeated wrong PINs', async () => {
    const core = await open()
    expect(await core.verifyStaffPin('1234')).toEqual({ ok: true, value: true })
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await core.verifyStaffPin('0000')).toEqual({ ok: true, value: false })
    }
    expect(await core.verifyStaffPin('1234')).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input' },
    })
  })

  it('reports staffPinSet once the default PIN is changed', async () => {
    const core = await open()
    expect(core.getSettings().staffPinSet).toBe(false)
    expect(await core.setStaffPin('1234', '771942')).toEqual({ ok: true, value: true })
    expect(core.getSettings().staffPinSet).toBe(true)
    expect(JSON.stringify(core.getSettings())).not.toContain('771942')
  })
})

describe('status', () => {
  it('remembers the last delivery across a restart', async () => {
    const core = await open({ env: envFor(sim) })
    expect(core.getStatus().lastDeliveryAt).toBeNull()
    await core.deliver(request())
    const deliveredAt = Date.parse(core.getStatus().lastDeliveryAt ?? '')
    await core.close()

    const restarted = await open({ env: envFor(sim) })

    const remembered = Date.parse(restarted.getStatus().lastDeliveryAt ?? '')
    expect(Math.abs(remembered - deliveredAt)).toBeLessThan(60_000)
  })
})

describe('close', () => {
  it('waits for a delivery in flight, and answers busy to one asked while closing', async () => {
    const core = await open({ env: envFor(sim) })
    sim.addFault({ method: 'POST', path: '/leads', times: 1, fault: { type: 'delay', ms: 400 } })
    let settled = false
    const delivery = core.deliver(request()).then((outcome) => {
      settled = true
      return outcome
    })
    await vi.waitFor(() => expect(sim.requests().length).toBeGreaterThan(0))

    const closing = core.close()
    const late = await core.deliver(request())
    await closing

    expect(settled).toBe(true)
    expect(await delivery).toMatchObject({ ok: true, value: { status: 'delivered' } })
    expect(late).toMatchObject({ ok: true, value: { status: 'busy' } })
    expect(sim.leads()).toHaveLength(1)
  })

  it('answers busy to a second delivery of an entry in flight', async () => {
    const core = await open({ env: envFor(sim) })
    sim.addFault({ method: 'POST', path: '/leads', times: 1, fault: { type: 'delay', ms: 300 } })
    const entry = request()
    const first = core.deliver(entry)
    const second = await core.deliver(entry)
    expect(second).toMatchObject({ ok: true, value: { status: 'busy' } })
    expect(await first).toMatchObject({ ok: true, value: { status: 'delivered' } })
    expect(sim.leads()).toHaveLength(1)
  })
})
