import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { KioskCall } from '../../src/shared/contract'
import { createKioskCore } from '../../src/main/app'
import type { KioskCore } from '../../src/main/app'
import { createHandlers } from '../../src/main/handlers'
import type { KioskHandlers } from '../../src/main/handlers'
import { createMemoryLogger } from '../../src/main/log'
import type { MemoryLogger } from '../../src/main/log'
import { createKeyCipher } from '../../src/main/secrets'
import { startSimulator } from '../../src/main/simulator'
import type { Simulator } from '../../src/main/simulator'
import { sampleDeliveryRequest, simulatorRouting } from '../host/requests'

let dir: string
let sim: Simulator
let logger: MemoryLogger
let core: KioskCore
let handlers: KioskHandlers

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-handlers-'))
  sim = await startSimulator()
  logger = createMemoryLogger()
  core = await createKioskCore({
    dataDir: dir,
    cipher: createKeyCipher(randomBytes(32)),
    logger,
  })
  handlers = createHandlers(core)
  expect(await handlers.verifyStaffPin('1234')).toEqual({ ok: true, value: true })
  const custom = await handlers.saveSettings({ environment: 'custom', customBaseUrl: sim.url })
  expect(custom.ok).toBe(true)
})

afterEach(async () => {
  await core.close()
  await sim.close()
  await rm(dir, { recursive: true, force: true })
})

const validRequest = () => sampleDeliveryRequest(simulatorRouting(sim.reference))

/** Payloads each call must refuse. Typed by call, so a new call cannot be left out. */
const garbage: Record<KioskCall, unknown[]> = {
  deliver: [
    'x',
    {},
    { ...sampleDeliveryRequest({ dealerId: 1, leadTypeId: 1 }), reference: '../../etc' },
    { ...sampleDeliveryRequest({ dealerId: 1, leadTypeId: 1 }), routing: { dealerId: '1' } },
    { ...sampleDeliveryRequest({ dealerId: 1, leadTypeId: 1 }), consents: 'yes' },
    {
      ...sampleDeliveryRequest({ dealerId: 1, leadTypeId: 1 }),
      visitor: { firstName: 'A', lastName: 'B', email: 'a@b.c', comment: 'x'.repeat(5000) },
    },
  ],
  getStatus: ['x', { a: 1 }, 5],
  getSettings: [[], true],
  saveSettings: ['x', { parallelDeliveries: 'four' }, { environment: 'mars' }, { consents: [{}] }],
  setToken: [null, 12345678901, 'short', 'has spaces in it', 'x'.repeat(201)],
  setAutomagicToken: [undefined, {}, 'tab\tinside0'],
  testConnection: ['now'],
  getReferenceLists: ['1', -1, 1.5, { dealerId: 1 }],
  reportLedger: [
    {},
    { rows: 'all', complete: true },
    { rows: [{ reference: 'ok-reference-1', state: 'lost' }], complete: true },
    { rows: [], complete: 'yes' },
  ],
  verifyStaffPin: [1234, 'abcd', '', '1'.repeat(13)],
  setStaffPin: ['1234', { current: '1234' }, { current: '1234', next: 5678 }],
  endStaffSession: ['now', { a: 1 }],
  exitKiosk: [true, 'please'],
}

describe('handlers', () => {
  it.each(Object.entries(garbage))(
    '%s refuses garbage with invalid_input',
    async (call, payloads) => {
      const handler = handlers[call as KioskCall]
      for (const payload of payloads) {
        const result = await handler(payload)
        expect(result, `${call} with ${JSON.stringify(payload)}`).toMatchObject({
          ok: false,
          error: { kind: 'invalid_input' },
        })
      }
    },
  )

  it('never throws, even when the core does', async () => {
    const broken: KioskCore = {
      ...core,
      getStatus: () => {
        throw new Error('boom')
      },
    }
    const result = await createHandlers(broken).getStatus(undefined)
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_input' } })
  })

  it('delivers a valid request to the simulator through the core', async () => {
    await handlers.setToken(sim.token)
    const request = validRequest()

    const result = await handlers.deliver(request)

    expect(result).toMatchObject({ ok: true, value: { status: 'delivered' } })
    const leads = sim.leads()
    expect(leads).toHaveLength(1)
    expect(leads[0]?.body).toMatchObject({
      nombre: 'Lucía',
      apellidos: 'Fernández-Ortiz',
      telefono: '+34612345678',
      concesionario: sim.reference.dealerId,
      tipo_lead: sim.reference.showroomLeadTypeId,
    })
    expect(leads[0]?.dynamic).toMatchObject({ kiosk_ref: request.reference })
    expect(sim.contacts()[0]?.gdpr).toEqual({
      gdpr1: true,
      gdpr2: false,
      gdpr3: false,
      gdpr4: false,
    })
  })

  it('answers the calls without a payload', async () => {
    expect(await handlers.getStatus(undefined)).toMatchObject({ ok: true, value: { demo: false } })
    const settings = await handlers.getSettings(null)
    expect(settings).toMatchObject({ ok: true, value: { environment: 'custom', baseUrl: sim.url } })
  })

  it('sets the token without ever echoing it, in any result or log line', async () => {
    const set = await handlers.setToken(`  ${sim.token}  `)
    expect(set).toEqual({ ok: true, value: 'stored' })

    const results = [
      set,
      await handlers.testConnection(undefined),
      await handlers.getSettings(undefined),
      await handlers.getStatus(undefined),
      await handlers.getReferenceLists(undefined),
      await handlers.deliver(validRequest()),
    ]

    expect(results[1]).toMatchObject({ ok: true })
    for (const result of results) expect(JSON.stringify(result)).not.toContain(sim.token)
    expect(JSON.stringify(logger.records)).not.toContain(sim.token)
    for (const file of await readdir(dir)) {
      if (file.endsWith('.json') || file.endsWith('.jsonl')) {
        expect(await readFile(join(dir, file), 'utf8')).not.toContain(sim.token)
      }
    }
  })

  it('changes the staff PIN with the object payload the preload sends', async () => {
    expect(await handlers.setStaffPin({ current: '1234', next: '924613' })).toEqual({
      ok: true,
      value: true,
    })
    expect(await handlers.verifyStaffPin('924613')).toEqual({ ok: true, value: true })
    expect(await handlers.verifyStaffPin('1234')).toEqual({ ok: true, value: false })
  })

  it('reports the ledger: waiting references the journal knows that the outbox lacks', async () => {
    const waiting = validRequest()
    await handlers.reportLedger({
      rows: [{ reference: waiting.reference, state: 'pending' }],
      complete: false,
    })

    const report = await handlers.reportLedger({ rows: [], complete: true })

    expect(report).toEqual({ ok: true, value: { missing: [waiting.reference] } })
  })
})
