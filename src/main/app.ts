import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { ConnectionTest, KioskApi, MainStatus, ReferenceLists } from '../shared/contract'
import { fail, ok, type Result } from '../shared/errors'
import type { PublicSettings, SettingsPatch, TokenState } from '../shared/settings'
import { createConnectivityMonitor, probeApiHost, type ConnectivityMonitor } from './connectivity'
import { createDemoBackend, type DemoBackend } from './demo'
import { openDeliveryJournal, type DeliveryJournal } from './delivery'
import { createDeliveryGate, type DeliveryGate } from './ipc/deliveries'
import { createEventHub, type EventHub } from './ipc/events'
import { createLedger, type Ledger } from './ipc/ledger'
import { cachedReferenceLists, testLeadCars } from './ipc/reference-lists'
import { createStaffPin, type StaffPin } from './ipc/staff-pin'
import { createLogger, type Logger } from './log'
import { openSecretStore, type Cipher, type SecretStore } from './secrets'
import { openSettingsStore, type SettingsStore } from './settings'
import { createLeadCarsLink, type LeadCarsLink } from './settings/leadcars-link'
import { openReferenceCache, type ReferenceCache } from './settings/reference-cache'
import { parseHostOverrides } from './settings/target'

export type KioskCoreOptions = {
  /** Where settings, secrets, the delivery journal and the list cache live. */
  dataDir: string
  cipher: Cipher
  /** LEADCARS_URL, LEADCARS_TOKEN, LEADCARS_DEALER, …: overrides for this run only. */
  env?: Record<string, string | undefined>
  /** A file logger under `<dataDir>/logs` when absent. */
  logger?: Logger
  /** Per LeadCars request; the client's default when absent. */
  timeoutMs?: number
  /** Staff asked to leave the kiosk; the Electron shell quits the app. Nothing when absent. */
  onExitRequested?: () => void
}

/**
 * The main process without Electron: settings, secrets, delivery of entries to LeadCars (or to
 * the embedded simulator in demo mode), reachability, the auth pause, reference lists and the
 * ledger, with a stream of KioskEvents. The calls it shares with KioskApi answer Results and do
 * not throw; their payloads come already parsed (see handlers.ts).
 */
export type KioskCore = Pick<
  KioskApi,
  | 'deliver'
  | 'saveSettings'
  | 'setToken'
  | 'setAutomagicToken'
  | 'testConnection'
  | 'getReferenceLists'
  | 'reportLedger'
  | 'verifyStaffPin'
  | 'setStaffPin'
  | 'exitKiosk'
  | 'onEvent'
> & {
  readonly logger: Logger
  getStatus(): MainStatus
  getSettings(): PublicSettings
  /** The OS reported a network change. */
  networkChanged(): void
  /** Waits for deliveries in flight, then stops everything. */
  close(): Promise<void>
}

type Stores = {
  settings: SettingsStore
  secrets: SecretStore
  journal: DeliveryJournal
  cache: ReferenceCache
}

type Parts = Stores & {
  logger: Logger
  log: Logger
  events: EventHub
  demo: DemoBackend
  link: LeadCarsLink
  gate: DeliveryGate
  monitor: ConnectivityMonitor
  ledger: Ledger
  staffPin: StaffPin
  background: Set<Promise<unknown>>
  retest: TokenRetest
  onExitRequested: () => void
}

/**
 * A token saved during the auth pause whose test could not reach LeadCars: it is tested again
 * when LeadCars is reachable, so that the pause lifts without staff pressing Test connection.
 */
type TokenRetest = { pending: boolean; running: boolean }

const noTarget = 'No LeadCars URL is configured.'

export async function createKioskCore(options: KioskCoreOptions): Promise<KioskCore> {
  const logger = options.logger ?? createLogger(join(options.dataDir, 'logs'))
  const overrides = parseHostOverrides(options.env ?? {})
  if (overrides.token) logger.addSecret(overrides.token)
  const stores = await openStores(options, logger)
  const log = logger.child('core')
  const events = createEventHub(log)
  const demo = createDemoBackend(logger.child('demo'))

  const link = createLeadCarsLink({
    ...stores,
    overrides,
    demo,
    logger,
    timeoutMs: options.timeoutMs,
    onReachability: (reachable) => monitor.report(reachable),
    onPauseChange: (paused) => {
      if (paused) parts.retest.pending = false
      emitStatus(parts)
    },
  })
  const gate = createDeliveryGate({
    delivery: () => link.connection()?.delivery ?? null,
    journal: stores.journal,
    onDelivered: () => emitStatus(parts),
  })
  const monitor = createConnectivityMonitor({
    probe: () => probeLink(parts),
    hasWaitingEntries: gate.hasWaiting,
    onChange: (connectivity) => {
      log.info('LeadCars reachability changed', { reachable: connectivity.reachable })
      events.emit({ type: 'connectivity', connectivity })
      emitStatus(parts)
      if (!connectivity.reachable) return
      events.emit({ type: 'wake', reason: 'connectivity' })
      retestSavedToken(parts)
    },
  })
  const parts: Parts = {
    ...stores,
    logger,
    log,
    events,
    demo,
    link,
    gate,
    monitor,
    ledger: createLedger(stores.journal, logger.child('ledger')),
    staffPin: createStaffPin(stores.settings, logger.child('pin')),
    background: new Set(),
    retest: { pending: false, running: false },
    onExitRequested: options.onExitRequested ?? (() => undefined),
  }

  await link.retarget()
  log.info('kiosk core started', { environment: link.target().environment })
  return coreOver(parts)
}

async function openStores(options: KioskCoreOptions, logger: Logger): Promise<Stores> {
  await mkdir(options.dataDir, { recursive: true })
  const file = (name: string): string => join(options.dataDir, name)
  return {
    settings: await openSettingsStore(file('settings.json'), logger.child('settings')),
    secrets: await openSecretStore(file('secrets.json'), options.cipher, logger.child('secrets')),
    journal: await openDeliveryJournal(file('delivery-journal.jsonl')),
    cache: await openReferenceCache(file('reference-cache.json'), logger.child('lists')),
  }
}

function coreOver(parts: Parts): KioskCore {
  const { gate, events, secrets } = parts
  let closing: Promise<void> | null = null
  return {
    logger: parts.logger,
    deliver: async (request) => ok(await gate.deliver(request)),
    getStatus: () => statusOf(parts),
    getSettings: () => publicSettings(parts),
    saveSettings: (patch) => saveSettings(parts, patch),
    setToken: (token) => setToken(parts, token),
    setAutomagicToken: async (token) => ok(await secrets.set('automagicToken', token)),
    testConnection: () => testConnection(parts),
    getReferenceLists: (dealerId) => referenceLists(parts, dealerId),
    reportLedger: async (report) => {
      gate.noteRows(report.rows)
      return ok(await parts.ledger.report(report))
    },
    verifyStaffPin: (pin) => parts.staffPin.verify(pin),
    setStaffPin: (current, next) => parts.staffPin.change(current, next),
    exitKiosk: () => {
      parts.log.info('staff asked to leave the kiosk')
      parts.onExitRequested()
      return Promise.resolve(ok(true as const))
    },
    networkChanged: () => {
      parts.monitor.networkChanged()
      if (gate.hasWaiting()) events.emit({ type: 'wake', reason: 'connectivity' })
    },
    onEvent: (listener) => events.subscribe(listener),
    close: () => (closing ??= shutDown(parts)),
  }
}

function statusOf({ link, monitor, gate }: Parts): MainStatus {
  return {
    demo: link.target().demo,
    connectivity: monitor.current(),
    tokenState: link.tokenState(),
    authPaused: link.authPaused(),
    lastDeliveryAt: gate.lastDeliveryAt(),
  }
}

function emitStatus(parts: Parts): void {
  parts.events.emit({ type: 'status', status: statusOf(parts) })
}

/** An explicit allow-list: a field added to the settings file is not public until listed here. */
function publicSettings({ settings, secrets, link }: Parts): PublicSettings {
  const stored = settings.current()
  const target = link.target()
  return {
    environment: target.environment,
    baseUrl: target.baseUrl ?? '',
    routing: link.routing(),
    dynamicFieldPlacement: stored.dynamicFieldPlacement,
    parallelDeliveries: stored.parallelDeliveries,
    retentionDays: stored.retentionDays,
    idleSeconds: stored.idleSeconds,
    languages: stored.languages,
    defaultCountry: stored.defaultCountry,
    consents: stored.consents,
    automagic: stored.automagic,
    tokenState: link.tokenState(),
    automagicTokenState: secrets.state('automagicToken'),
    staffPinSet: stored.staffPin !== undefined,
  }
}

async function saveSettings(parts: Parts, patch: SettingsPatch): Promise<Result<PublicSettings>> {
  const saved = await parts.settings.update(patch)
  if (!saved.ok) return saved
  if (await parts.link.retarget()) inBackground(parts, testConnection(parts))
  emitStatus(parts)
  parts.events.emit({ type: 'wake', reason: 'settings' })
  return ok(publicSettings(parts))
}

/** Saves the token, then tests it: a token that tests well lifts the auth pause. */
async function setToken(parts: Parts, token: string): Promise<Result<TokenState>> {
  const state = await parts.secrets.set('leadcarsToken', token)
  parts.retest.pending = true
  emitStatus(parts)
  inBackground(parts, testConnection(parts))
  return ok(state)
}

async function testConnection(parts: Parts): Promise<Result<ConnectionTest>> {
  const connection = parts.link.connection()
  if (!connection) return fail('config', noTarget)
  const result = await testLeadCars(connection.client)
  noteAnswer(parts, result)
  if (result.ok || result.error.kind !== 'transient') parts.retest.pending = false
  if (!result.ok) return result
  parts.log.info('connection test passed', { leadTypes: result.value.leadTypes })
  parts.link.resume()
  parts.events.emit({ type: 'wake', reason: 'token' })
  return result
}

async function referenceLists(parts: Parts, dealerId?: number): Promise<Result<ReferenceLists>> {
  const connection = parts.link.connection()
  if (!connection) return fail('config', noTarget)
  const chosen = dealerId ?? parts.link.routing().dealerId
  const lists = await cachedReferenceLists(connection, chosen, parts.cache, parts.log)
  noteAnswer(parts, lists)
  return lists
}

/** What a staff-initiated call learnt: whether LeadCars answered, and whether it took the token. */
function noteAnswer(parts: Parts, result: Result<unknown>): void {
  if (result.ok || result.error.status !== undefined) parts.monitor.report(true)
  else if (result.error.kind === 'transient') parts.monitor.report(false)
  if (!result.ok && result.error.kind === 'auth') parts.link.pauseForAuth()
}

/** A probe that finds LeadCars answering also retests a token saved during the auth pause. */
async function probeLink(parts: Parts): Promise<boolean> {
  const connection = parts.link.connection()
  if (!connection) return false
  const reachable = await probeApiHost(connection.baseUrl)
  if (reachable) retestSavedToken(parts)
  return reachable
}

function retestSavedToken(parts: Parts): void {
  const { retest, link } = parts
  if (!retest.pending || retest.running || !link.authPaused()) return
  retest.running = true
  parts.log.info('retesting the token saved during the auth pause')
  const run = testConnection(parts).finally(() => {
    retest.running = false
  })
  inBackground(parts, run)
}

function inBackground(parts: Parts, task: Promise<unknown>): void {
  const tracked = task.catch((error: unknown) => {
    parts.log.error('background task failed', { error })
  })
  parts.background.add(tracked)
  void tracked.finally(() => parts.background.delete(tracked))
}

async function shutDown(parts: Parts): Promise<void> {
  parts.monitor.stop()
  await parts.gate.close()
  await Promise.allSettled(parts.background)
  parts.events.clear()
  await parts.journal.close()
  await parts.demo.close()
  parts.log.info('kiosk core stopped')
}
