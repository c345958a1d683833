import { Dexie } from 'dexie'
import type { KioskApi, KioskEvent, LedgerRow } from '../../../src/shared/contract'
import type { DeliveryOutcome, DeliveryRequest, DeliveryStatus } from '../../../src/shared/entry'
import { ok, type KioskError, type Result } from '../../../src/shared/errors'
import type { PublicSettings } from '../../../src/shared/settings'
import type { OutboxDraft } from '../../../src/renderer/src/outbox'

/** Shared helpers for the outbox and courier tests: drafts, a fake main, raw IndexedDB access. */

export function uniqueName(prefix = 'outbox-test'): string {
  return `${prefix}-${crypto.randomUUID()}`
}

export function draft(overrides: Partial<OutboxDraft> = {}): OutboxDraft {
  return {
    visitor: {
      firstName: 'Lucía',
      lastName: 'Martín Pérez',
      email: 'lucia@example.es',
      phone: '+34600111222',
      postcode: '28001',
    },
    consents: [
      {
        id: 'processing',
        flag: 'gdpr1',
        granted: true,
        textHash: 'ab'.repeat(32),
        textVersion: '2026-01',
        language: 'es',
        at: new Date().toISOString(),
      },
    ],
    routing: { dealerId: 7, siteId: 2, leadTypeId: 3 },
    language: 'es',
    ...overrides,
  }
}

export const refused: KioskError = { kind: 'transient', message: 'Connection refused' }
export const unavailable: KioskError = {
  kind: 'transient',
  message: 'LeadCars answered 503',
  status: 503,
}

/** Main's answer after all steps went through: the steps it was sent plus the missing ones. */
export function delivered(request: DeliveryRequest): Result<DeliveryOutcome> {
  const at = new Date().toISOString()
  const steps = {
    lead: { leadId: 5000, at },
    contact: { contactId: 6000, at },
    gdpr: { at },
    ...request.steps,
  }
  return ok({ reference: request.reference, status: 'delivered', steps, ambiguousRetries: 0 })
}

export function answered(
  request: DeliveryRequest,
  status: DeliveryStatus,
  error?: KioskError,
): Result<DeliveryOutcome> {
  const outcome = {
    reference: request.reference,
    status,
    steps: request.steps,
    ambiguousRetries: 0,
  }
  return ok(error ? { ...outcome, error } : outcome)
}

export type Answer = (request: DeliveryRequest, call: number) => unknown

/** A KioskApi played by the test: it records every call and answers deliveries with `answer`. */
export type FakeMain = KioskApi & {
  requests: DeliveryRequest[]
  /** For each deliver call: whether a Dexie transaction was open around it. */
  insideTransaction: boolean[]
  ledger: { rows: LedgerRow[]; complete: boolean }[]
  missing: string[]
  retentionDays: number
  answer: Answer
  emit(event: KioskEvent): void
}

export function fakeMain(answer: Answer = delivered): FakeMain {
  const listeners = new Set<(event: KioskEvent) => void>()
  const main: FakeMain = {
    requests: [],
    insideTransaction: [],
    ledger: [],
    missing: [],
    retentionDays: 30,
    answer,
    emit: (event) => listeners.forEach((listener) => listener(event)),
    deliver: async (request) => {
      main.insideTransaction.push(Dexie.currentTransaction !== null)
      main.requests.push(structuredClone(request))
      return (await main.answer(request, main.requests.length)) as Result<DeliveryOutcome>
    },
    reportLedger: async (report) => {
      main.ledger.push(structuredClone(report))
      return ok({ missing: main.missing })
    },
    getSettings: async () => ok(settings(main.retentionDays)),
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getStatus: unused,
    saveSettings: unused,
    setToken: unused,
    setAutomagicToken: unused,
    testConnection: unused,
    getReferenceLists: unused,
    verifyStaffPin: unused,
    setStaffPin: unused,
    endStaffSession: unused,
    exitKiosk: unused,
  }
  return main
}

async function unused(): Promise<never> {
  throw new Error('not used by the courier')
}

function settings(retentionDays: number): PublicSettings {
  return {
    environment: 'demo',
    baseUrl: 'http://127.0.0.1:9/api/v2',
    routing: { dealerId: 7, leadTypeId: 3 },
    dynamicFieldPlacement: 'custom',
    parallelDeliveries: 4,
    retentionDays,
    idleSeconds: 60,
    languages: ['es', 'en'],
    defaultCountry: 'ES',
    consents: [],
    automagic: { enabled: false },
    tokenState: 'missing',
    automagicTokenState: 'missing',
    staffPinSet: false,
  }
}

/** A timer seam the test fires by hand; `fireLatest` runs the last one set, as a racing timer. */
export function manualTimers(): {
  schedule: (run: () => void, delayMs: number) => () => void
  delays: number[]
  fireLatest: () => void
} {
  const runs: (() => void)[] = []
  const delays: number[] = []
  return {
    schedule: (run, delayMs) => {
      runs.push(run)
      delays.push(delayMs)
      return () => undefined
    },
    delays,
    fireLatest: () => runs.at(-1)?.(),
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls until `check` holds; generous, since the test machine may be slow. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await sleep(20)
  }
}

/** Writes a row straight into an object store, bypassing the outbox. */
export async function putRaw(dbName: string, store: string, value: unknown): Promise<void> {
  const db = await openRaw(dbName)
  try {
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction(store, 'readwrite')
      transaction.objectStore(store).put(value)
      transaction.oncomplete = () => resolve()
      transaction.onerror = () => reject(transaction.error)
    })
  } finally {
    db.close()
  }
}

export async function countRaw(dbName: string, store: string): Promise<number> {
  const db = await openRaw(dbName)
  try {
    return await new Promise<number>((resolve, reject) => {
      const request = db.transaction(store, 'readonly').objectStore(store).count()
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
  } finally {
    db.close()
  }
}

function openRaw(dbName: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}
