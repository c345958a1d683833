import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createKioskCore } from '../../src/main/app'
import type { KioskCore } from '../../src/main/app'
import { createMemoryLogger } from '../../src/main/log'
import { createKeyCipher } from '../../src/main/secrets'
import { startSimulator } from '../../src/main/simulator'
import type { Simulator } from '../../src/main/simulator'
import { defaultStaffPin, openSettingsStore } from '../../src/main/settings'
import { sampleDeliveryRequest, simulatorRouting } from '../host/requests'

let dir: string
let path: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-settings-'))
  path = join(dir, 'settings.json')
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('settings store', () => {
  it('starts from the documented defaults and writes them to disk', async () => {
    const store = await openSettingsStore(path, createMemoryLogger())
    const settings = store.current()

    expect(settings).toMatchObject({
      environment: 'demo',
      dynamicFieldPlacement: 'custom',
      parallelDeliveries: 4,
      retentionDays: 7,
      idleSeconds: 90,
      languages: ['es', 'en'],
      defaultCountry: 'ES',
      automagic: { enabled: false },
    })
    expect(settings.staffPin).toBeUndefined()
    const required = settings.consents.filter((consent) => consent.required)
    expect(required.map((consent) => consent.flag)).toEqual(['gdpr1'])
    expect(settings.consents.map((consent) => consent.flag)).toEqual(['gdpr1', 'gdpr2', 'gdpr3'])
    for (const consent of settings.consents) {
      expect(consent.text.es?.length).toBeGreaterThan(20)
      expect(consent.text.en?.length).toBeGreaterThan(20)
    }
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(settings)
  })

  it('round-trips an update through the file', async () => {
    const store = await openSettingsStore(path, createMemoryLogger())
    const saved = await store.update({
      environment: 'sandbox',
      routing: { dealerId: 7, siteId: 3, campaignCode: 'LIQUIDACIÓN VN', leadTypeId: 12 },
      parallelDeliveries: 2,
      languages: ['es', 'en', 'ca'],
    })
    expect(saved.ok).toBe(true)

    const reopened = await openSettingsStore(path, createMemoryLogger())
    expect(reopened.current()).toEqual(store.current())
    expect(reopened.current().routing).toEqual({
      dealerId: 7,
      siteId: 3,
      campaignCode: 'LIQUIDACIÓN VN',
      leadTypeId: 12,
    })
    expect(reopened.current().parallelDeliveries).toBe(2)
  })

  it('keeps both of two concurrent updates', async () => {
    const store = await openSettingsStore(path, createMemoryLogger())

    await Promise.all([store.update({ idleSeconds: 120 }), store.update({ retentionDays: 30 })])

    const reopened = await openSettingsStore(path, createMemoryLogger())
    expect(reopened.current()).toMatchObject({ idleSeconds: 120, retentionDays: 30 })
  })

  it('refuses an invalid update and keeps what it had', async () => {
    const store = await openSettingsStore(path, createMemoryLogger())
    const before = store.current()

    const tooMany = await store.update({ parallelDeliveries: 80 })
    const customWithoutUrl = await store.update({ environment: 'custom' })

    expect(tooMany).toMatchObject({ ok: false, error: { kind: 'invalid_input' } })
    expect(customWithoutUrl).toMatchObject({ ok: false, error: { kind: 'invalid_input' } })
    expect(store.current()).toEqual(before)
  })

  it('keeps a corrupt file aside and pauses delivery (custom, no URL), with a warning', async () => {
    await writeFile(path, '{"environment": "production", "retentionDays": ')
    const logger = createMemoryLogger()

    const store = await openSettingsStore(path, logger)

    expect(store.current().environment).toBe('custom')
    expect(store.current().customBaseUrl).toBeUndefined()
    expect(store.current().retentionDays).toBe(7)
    const files = await readdir(dir)
    const aside = files.filter((file) => file.startsWith('settings.json.bad-'))
    expect(aside).toHaveLength(1)
    expect(await readFile(join(dir, aside[0] ?? ''), 'utf8')).toContain('"retentionDays": ')
    expect(logger.records.some((record) => record.level === 'warn')).toBe(true)
  })

  it('keeps the good fields of a partly bad file and defaults the rest', async () => {
    await writeFile(
      path,
      JSON.stringify({ environment: 'production', retentionDays: -3, idleSeconds: 120 }),
    )

    const store = await openSettingsStore(path, createMemoryLogger())

    expect(store.current()).toMatchObject({
      environment: 'production',
      retentionDays: 7,
      idleSeconds: 120,
      parallelDeliveries: 4,
    })
    const files = await readdir(dir)
    expect(files.filter((file) => file.startsWith('settings.json.bad-'))).toHaveLength(1)
  })

  it('fills missing fields of an older file with defaults without setting it aside', async () => {
    await writeFile(path, JSON.stringify({ environment: 'sandbox' }))

    const store = await openSettingsStore(path, createMemoryLogger())

    expect(store.current().environment).toBe('sandbox')
    expect(store.current().consents).toHaveLength(3)
    expect((await readdir(dir)).filter((file) => file.includes('.bad-'))).toHaveLength(0)
  })

  it('reads a file saved with a UTF-8 byte-order mark as it is, without setting it aside', async () => {
    const saved = {
      environment: 'custom',
      customBaseUrl: 'http://127.0.0.1:9/api/v2',
      idleSeconds: 60,
    }
    await writeFile(path, `\uFEFF${JSON.stringify(saved)}`)

    const store = await openSettingsStore(path, createMemoryLogger())

    expect(store.current()).toMatchObject(saved)
    expect((await readdir(dir)).filter((file) => file.includes('.bad-'))).toHaveLength(0)
  })

  it('never falls back to demo for an unknown environment, and keeps the other fields', async () => {
    const saved = {
      environment: 'staging',
      customBaseUrl: 'http://127.0.0.1:9/api/v2',
      routing: { dealerId: 98765, leadTypeId: 4321 },
      idleSeconds: 60,
    }
    await writeFile(path, JSON.stringify(saved))
    const logger = createMemoryLogger()

    const store = await openSettingsStore(path, logger)

    expect(store.current()).toMatchObject({ environment: 'custom', routing: saved.routing })
    expect(store.current().idleSeconds).toBe(60)
    expect(store.current().customBaseUrl).toBeUndefined()
    expect(
      (await readdir(dir)).filter((file) => file.startsWith('settings.json.bad-')),
    ).toHaveLength(1)
    expect(logger.records.some((record) => record.level === 'warn')).toBe(true)
    expect(JSON.stringify(logger.records)).not.toContain('127.0.0.1')
  })

  it('pauses delivery for a file with no environment, or one that cannot be read', async () => {
    await writeFile(path, JSON.stringify({ idleSeconds: 60 }))
    expect((await openSettingsStore(path, createMemoryLogger())).current().environment).toBe(
      'custom',
    )

    await rm(path)
    await mkdir(path)
    const unreadable = await openSettingsStore(path, createMemoryLogger())
    expect(unreadable.current().environment).toBe('custom')
    expect(unreadable.current().customBaseUrl).toBeUndefined()
  })
})

describe('a damaged settings file on a kiosk configured for a real LeadCars', () => {
  let sim: Simulator
  const cores: KioskCore[] = []
  const cipher = createKeyCipher(randomBytes(32))

  beforeEach(async () => {
    sim = await startSimulator()
  })

  afterEach(async () => {
    await Promise.all(cores.splice(0).map((core) => core.close()))
    await sim.close()
  })

  async function open(): Promise<KioskCore> {
    const core = await createKioskCore({ dataDir: dir, cipher, logger: createMemoryLogger() })
    cores.push(core)
    return core
  }

  async function configureThenDamage(damage: (text: string) => string): Promise<KioskCore> {
    const core = await open()
    const saved = await core.saveSettings({
      environment: 'custom',
      customBaseUrl: sim.url,
      routing: simulatorRouting(sim.reference),
    })
    expect(saved.ok).toBe(true)
    await core.setToken(sim.token)
    await Promise.all(cores.splice(0).map((opened) => opened.close()))
    await writeFile(path, damage(await readFile(path, 'utf8')))
    return open()
  }

  const damages: [string, (text: string) => string][] = [
    ['an empty file', () => ''],
    ['a file truncated in half', (text) => text.slice(0, Math.floor(text.length / 2))],
    ['an environment from a newer version', (text) => text.replace('"custom"', '"staging"')],
  ]
  for (const [label, damage] of damages) {
    it(`pauses delivery, never demo, after ${label}`, async () => {
      const core = await configureThenDamage(damage)

      expect(core.getStatus().demo).toBe(false)
      expect(core.getSettings()).toMatchObject({ environment: 'custom', baseUrl: '' })
      const outcome = await core.deliver(sampleDeliveryRequest(simulatorRouting(sim.reference)))
      expect(outcome.ok && outcome.value.status).toBe('paused')
      expect(sim.leads()).toHaveLength(0)
      expect(
        (await readdir(dir)).filter((file) => file.startsWith('settings.json.bad-')),
      ).toHaveLength(1)
    })
  }

  it('keeps delivering to the configured LeadCars after a byte-order mark is added', async () => {
    const core = await configureThenDamage((text) => `\uFEFF${text}`)

    expect(core.getStatus().demo).toBe(false)
    expect(core.getSettings()).toMatchObject({ environment: 'custom', baseUrl: sim.url })
    const outcome = await core.deliver(sampleDeliveryRequest(simulatorRouting(sim.reference)))
    expect(outcome.ok && outcome.value.status).toBe('delivered')
    expect(sim.leads()).toHaveLength(1)
  })
})

describe('staff PIN', () => {
  it('accepts the default PIN until it is changed, then only the new one', async () => {
    const store = await openSettingsStore(path, createMemoryLogger())
    expect(await store.verifyPin(defaultStaffPin)).toBe(true)
    expect(await store.verifyPin('0000')).toBe(false)

    const changed = await store.changePin(defaultStaffPin, '482913')

    expect(changed).toEqual({ ok: true, value: true })
    expect(await store.verifyPin('482913')).toBe(true)
    expect(await store.verifyPin(defaultStaffPin)).toBe(false)
  })

  it('stores the PIN only as a salted scrypt hash that survives a restart', async () => {
    const store = await openSettingsStore(path, createMemoryLogger())
    await store.changePin(defaultStaffPin, '482913')

    const text = await readFile(path, 'utf8')
    expect(text).not.toContain('482913')
    const reopened = await openSettingsStore(path, createMemoryLogger())
    expect(reopened.current().staffPin).toMatchObject({ scheme: 'scrypt' })
    expect(await reopened.verifyPin('482913')).toBe(true)
  })

  it('gives two equal PINs different salts and hashes', async () => {
    const first = await openSettingsStore(path, createMemoryLogger())
    await first.changePin(defaultStaffPin, '482913')
    const otherPath = join(dir, 'other.json')
    const second = await openSettingsStore(otherPath, createMemoryLogger())
    await second.changePin(defaultStaffPin, '482913')

    expect(first.current().staffPin?.salt).not.toBe(second.current().staffPin?.salt)
    expect(first.current().staffPin?.hash).not.toBe(second.current().staffPin?.hash)
  })

  it('refuses a change with a wrong current PIN or a malformed new one', async () => {
    const store = await openSettingsStore(path, createMemoryLogger())

    expect(await store.changePin('9999', '482913')).toMatchObject({ ok: false })
    expect(await store.changePin(defaultStaffPin, '12')).toMatchObject({ ok: false })
    expect(await store.verifyPin(defaultStaffPin)).toBe(true)
  })
})
