import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createKioskCore } from '../../src/main/app'
import type { KioskCore } from '../../src/main/app'
import { createHandlers } from '../../src/main/handlers'
import type { KioskHandlers } from '../../src/main/handlers'
import { staffSessionIdleMs } from '../../src/main/ipc/staff-session'
import { createMemoryLogger } from '../../src/main/log'
import { createKeyCipher } from '../../src/main/secrets'

let dir: string
let core: KioskCore
let handlers: KioskHandlers
let clock: number
let exits: number

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-staff-session-'))
  clock = 1_000_000
  exits = 0
  core = await createKioskCore({
    dataDir: dir,
    cipher: createKeyCipher(randomBytes(32)),
    logger: createMemoryLogger(),
    onExitRequested: () => {
      exits += 1
    },
  })
  handlers = createHandlers(core, { now: () => clock })
})

afterEach(async () => {
  await core.close()
  await rm(dir, { recursive: true, force: true })
})

/** Each staff-only call with a payload it accepts once a session is open. */
const guarded: [string, (h: KioskHandlers) => Promise<{ ok: boolean }>][] = [
  ['saveSettings', (h) => h.saveSettings({ idleSeconds: 90 })],
  ['setToken', (h) => h.setToken('a-staff-token-0001')],
  ['setAutomagicToken', (h) => h.setAutomagicToken('automagic-token-0001')],
  ['setStaffPin', (h) => h.setStaffPin({ current: '1234', next: '1234' })],
  ['exitKiosk', (h) => h.exitKiosk(undefined)],
]

const refused = { ok: false, error: { kind: 'auth', message: 'Staff PIN required' } }

describe('staff session', () => {
  it.each(guarded)('%s is refused without a session', async (_call, run) => {
    expect(await run(handlers)).toEqual(refused)
    expect(exits).toBe(0)
  })

  it.each(guarded)('%s is accepted after the right PIN', async (_call, run) => {
    expect(await handlers.verifyStaffPin('1234')).toEqual({ ok: true, value: true })
    expect(await run(handlers)).toMatchObject({ ok: true })
  })

  it.each(guarded)('%s is refused after the session ends', async (_call, run) => {
    await handlers.verifyStaffPin('1234')
    expect(await handlers.endStaffSession(undefined)).toEqual({ ok: true, value: true })
    expect(await run(handlers)).toEqual(refused)
  })

  it.each(guarded)('%s is refused after a wrong PIN', async (_call, run) => {
    expect(await handlers.verifyStaffPin('9999')).toEqual({ ok: true, value: false })
    expect(await run(handlers)).toEqual(refused)
  })

  it('leaves the other calls open without a session', async () => {
    expect(await handlers.getStatus(undefined)).toMatchObject({ ok: true })
    expect(await handlers.getSettings(undefined)).toMatchObject({ ok: true })
    expect(await handlers.testConnection(undefined)).toMatchObject({ ok: true })
    expect(await handlers.getReferenceLists(undefined)).toMatchObject({ ok: true })
  })

  it('asks the shell to quit only on a staff exitKiosk', async () => {
    await handlers.exitKiosk(undefined)
    expect(exits).toBe(0)
    await handlers.verifyStaffPin('1234')
    expect(await handlers.exitKiosk(undefined)).toEqual({ ok: true, value: true })
    expect(exits).toBe(1)
  })

  it('expires after ten minutes without a staff call, and each call keeps it open', async () => {
    await handlers.verifyStaffPin('1234')
    clock += staffSessionIdleMs - 1000
    expect(await handlers.saveSettings({ idleSeconds: 100 })).toMatchObject({ ok: true })
    clock += staffSessionIdleMs - 1000
    expect(await handlers.saveSettings({ idleSeconds: 110 })).toMatchObject({ ok: true })
    clock += staffSessionIdleMs
    expect(await handlers.saveSettings({ idleSeconds: 120 })).toEqual(refused)
    clock += 1000
    expect(await handlers.setToken('a-staff-token-0001')).toEqual(refused)
    expect(core.getSettings().idleSeconds).toBe(110)
  })
})
