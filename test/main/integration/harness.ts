import 'fake-indexeddb/auto'
import { randomBytes, randomUUID } from 'node:crypto'
import { accessSync, constants } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Dexie } from 'dexie'
import { createKioskCore, type KioskCore } from '../../../src/main/app'
import { createHandlers } from '../../../src/main/handlers'
import { createMemoryLogger, type MemoryLogger } from '../../../src/main/log'
import { createKeyCipher } from '../../../src/main/secrets'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../src/main/simulator'
import { createKioskApi } from '../../../src/preload/api'
import {
  createCourier,
  openOutbox,
  type Courier,
  type CourierOptions,
  type Outbox,
} from '../../../src/renderer/src/outbox'
import type { KioskApi, KioskCall } from '../../../src/shared/contract'
import type { KioskError } from '../../../src/shared/errors'

/**
 * The whole delivery path in one Node process: the renderer's outbox (Dexie on fake-indexeddb)
 * and courier, a KioskApi that calls main's handlers the way the preload would (payloads cloned
 * both ways, as IPC does), the real main core with its journal in a temp folder, and the
 * LeadCars simulator over real HTTP on 127.0.0.1.
 */
export type Rig = {
  sim: Simulator
  core: KioskCore
  api: KioskApi
  outbox: Outbox
  logger: MemoryLogger
  dataDir: string
  /** What the courier reported to staff (storage errors, the auth pause). */
  courierErrors: KioskError[]
  startCourier(options: Omit<CourierOptions, 'outbox' | 'api' | 'onError'>): Courier
  close(): Promise<void>
}

export type RigOptions = {
  simulator?: SimulatorOptions
  /** Per LeadCars request. */
  timeoutMs?: number
  /** The core's logger: a memory logger keeping nothing below `warn` when absent. */
  logger?: MemoryLogger
  /** The token staff save at set-up; the simulator's own when absent. */
  token?: string
  /** Where the core's data folder is made; the OS temp folder when absent. */
  tempRoot?: string
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const sim = await startSimulator(options.simulator)
  const dataDir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'kiosk-integration-'))
  const logger = options.logger ?? createMemoryLogger('warn')
  const core = await createKioskCore({
    dataDir,
    cipher: createKeyCipher(randomBytes(32)),
    env: targetEnv(sim),
    logger,
    timeoutMs: options.timeoutMs ?? 5_000,
  })
  const api = inProcessApi(core)
  await saveToken(api, options.token ?? sim.token)
  sim.reset()

  const outboxName = `integration-${randomUUID()}`
  const outbox = await openOutbox(outboxName)
  const courierErrors: KioskError[] = []
  const couriers: Courier[] = []

  return {
    sim,
    core,
    api,
    outbox,
    logger,
    dataDir,
    courierErrors,
    startCourier: (courierOptions) => {
      const onError = (error: KioskError): void => void courierErrors.push(error)
      const courier = createCourier({ ...courierOptions, outbox, api, onError })
      couriers.push(courier)
      courier.start()
      return courier
    },
    close: async () => {
      await Promise.all(couriers.map((courier) => courier.stop()))
      outbox.close()
      await Dexie.delete(outboxName)
      await core.close()
      await sim.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** The LEADCARS_* overrides that point the core at the simulator; the token goes by setToken. */
function targetEnv(sim: Simulator): Record<string, string> {
  return {
    LEADCARS_URL: sim.url,
    LEADCARS_DEALER: String(sim.reference.dealerId),
    LEADCARS_SITE: String(sim.reference.siteId),
    LEADCARS_CAMPAIGN: sim.reference.campaignCode,
    LEADCARS_LEAD_TYPE: String(sim.reference.showroomLeadTypeId),
  }
}

/**
 * Saves the token as staff would and waits for the connection test that saving starts: it ends
 * with a `token` wake when LeadCars takes the token, or with the auth pause when it refuses it.
 * Status events sent while saving are not the test's: they only repeat the pause in force.
 */
export async function saveToken(api: KioskApi, token: string): Promise<void> {
  let saved = false
  let stop = (): void => undefined
  const tested = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('No connection test ended')), 10_000)
    const unsubscribe = api.onEvent((event) => {
      if (event.type === 'wake' && event.reason === 'token') resolve()
      if (saved && event.type === 'status' && event.status.authPaused) resolve()
    })
    stop = () => {
      clearTimeout(timer)
      unsubscribe()
    }
  })
  try {
    await api.verifyStaffPin('1234')
    const result = await api.setToken(token)
    if (!result.ok) throw new Error(`The token was not saved: ${result.error.message}`)
    saved = true
    await tested
  } finally {
    stop()
  }
}

/**
 * The preload's KioskApi over a transport that calls the handlers directly. Payloads, answers
 * and events are structured-cloned, as Electron's IPC does, so no object is shared between the
 * two sides.
 */
export function inProcessApi(core: KioskCore): KioskApi {
  const handlers = createHandlers(core)
  return createKioskApi({
    invoke: async (call: KioskCall, payload?: unknown) => {
      const answer = await handlers[call](structuredClone(payload))
      return structuredClone(answer)
    },
    subscribe: (listener) => core.onEvent((event) => listener(structuredClone(event))),
  })
}

/**
 * A RAM-backed temp folder when the machine has one (Linux /dev/shm), else the OS temp folder.
 * The journal syncs every record to disk; on a slow virtual disk that alone caps delivery, and
 * the soak is about what arrives, not about the disk (the benchmark measures the disk).
 */
export function fastTempRoot(): string {
  try {
    accessSync('/dev/shm', constants.W_OK)
    return '/dev/shm'
  } catch {
    return tmpdir()
  }
}
