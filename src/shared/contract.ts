import type { DeliveryOutcome, DeliveryRequest, EntryState } from './entry'
import type { Result } from './errors'
import type { PublicSettings, SettingsPatch, TokenState } from './settings'

/** An item of a LeadCars reference list (dealer, site, campaign, lead type). */
export type ReferenceItem = { id: number; name: string; code?: string }

export type ReferenceLists = {
  dealers: ReferenceItem[]
  sites: ReferenceItem[]
  campaigns: ReferenceItem[]
  leadTypes: ReferenceItem[]
  /** ISO time the lists were fetched; they are cached for offline use. */
  fetchedAt: string
}

export type Connectivity = {
  /** Whether the LeadCars host answered the last probe or request. */
  reachable: boolean
  checkedAt: string | null
}

export type MainStatus = {
  demo: boolean
  connectivity: Connectivity
  tokenState: TokenState
  /** True while delivery is paused because LeadCars refused the token. */
  authPaused: boolean
  lastDeliveryAt: string | null
}

/** One outbox entry as the ledger in main knows it: a reference and a state, no personal data. */
export type LedgerRow = { reference: string; state: EntryState }

export type LedgerReport = {
  /** References main knows of that the outbox no longer holds (and were not purged by us). */
  missing: string[]
}

export type ConnectionTest = { leadTypes: number; showroomLeadTypeId: number | null }

/**
 * What the renderer may ask of main. Every call returns a Result; nothing throws across the
 * boundary. Main parses every payload as unknown before use.
 */
export type KioskApi = {
  deliver(request: DeliveryRequest): Promise<Result<DeliveryOutcome>>
  getStatus(): Promise<Result<MainStatus>>
  getSettings(): Promise<Result<PublicSettings>>
  saveSettings(patch: SettingsPatch): Promise<Result<PublicSettings>>
  /** Write-only: the token can be set and tested, never read back. */
  setToken(token: string): Promise<Result<TokenState>>
  setAutomagicToken(token: string): Promise<Result<TokenState>>
  testConnection(): Promise<Result<ConnectionTest>>
  getReferenceLists(dealerId?: number): Promise<Result<ReferenceLists>>
  /**
   * Tells main's ledger about outbox entries. With `complete`, `rows` is the whole outbox and
   * main answers which references it knows that the outbox no longer holds.
   */
  reportLedger(report: { rows: LedgerRow[]; complete: boolean }): Promise<Result<LedgerReport>>
  verifyStaffPin(pin: string): Promise<Result<boolean>>
  setStaffPin(current: string, next: string): Promise<Result<true>>
  /** Ends the staff session that the right PIN opened in main. */
  endStaffSession(): Promise<Result<true>>
  /** Staff only: quits the kiosk app once deliveries in flight are done. */
  exitKiosk(): Promise<Result<true>>
  onEvent(listener: (event: KioskEvent) => void): () => void
}

export type KioskEvent =
  | { type: 'connectivity'; connectivity: Connectivity }
  | { type: 'status'; status: MainStatus }
  /** Main asks the courier to look at the outbox now (network change, token fixed). */
  | { type: 'wake'; reason: 'connectivity' | 'token' | 'settings' }

/** IPC channel names: one per KioskApi call, plus the event channel. */
export const channels = {
  deliver: 'kiosk:deliver',
  getStatus: 'kiosk:get-status',
  getSettings: 'kiosk:get-settings',
  saveSettings: 'kiosk:save-settings',
  setToken: 'kiosk:set-token',
  setAutomagicToken: 'kiosk:set-automagic-token',
  testConnection: 'kiosk:test-connection',
  getReferenceLists: 'kiosk:get-reference-lists',
  reportLedger: 'kiosk:report-ledger',
  verifyStaffPin: 'kiosk:verify-staff-pin',
  setStaffPin: 'kiosk:set-staff-pin',
  endStaffSession: 'kiosk:end-staff-session',
  exitKiosk: 'kiosk:exit-kiosk',
  event: 'kiosk:event',
} as const satisfies Record<Exclude<keyof KioskApi, 'onEvent'> | 'event', string>

export type KioskCall = Exclude<keyof KioskApi, 'onEvent'>
