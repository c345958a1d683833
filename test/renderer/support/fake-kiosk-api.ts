import type {
  ConnectionTest,
  KioskApi,
  KioskEvent,
  LedgerReport,
  LedgerRow,
  MainStatus,
  ReferenceLists,
} from '../../../src/shared/contract'
import { fail, ok, type Result } from '../../../src/shared/errors'
import type { PublicSettings, SettingsPatch, TokenState } from '../../../src/shared/settings'

/** A KioskApi played by the screen tests: main's answers as plain data, every call recorded. */
export type FakeKioskApi = KioskApi & {
  settings: PublicSettings
  status: MainStatus
  pin: string
  lists: ReferenceLists
  missing: string[]
  calls: {
    saveSettings: SettingsPatch[]
    setToken: string[]
    verifyStaffPin: string[]
    setStaffPin: [string, string][]
    reportLedger: { rows: LedgerRow[]; complete: boolean }[]
    getReferenceLists: (number | undefined)[]
    testConnection: number
    endStaffSession: number
    exitKiosk: number
  }
  emit(event: KioskEvent): void
}

export const consentTexts = {
  processing: {
    es: 'Acepto que el concesionario trate mis datos para atender mi consulta.',
    en: 'I agree that the dealer processes my details to answer my enquiry.',
  },
  marketing: {
    es: 'Quiero recibir ofertas comerciales.',
    en: 'I want to receive commercial offers.',
  },
}

export function defaultSettings(): PublicSettings {
  return {
    environment: 'demo',
    baseUrl: 'http://127.0.0.1:9/api/v2',
    routing: { dealerId: 11, siteId: 21, campaignCode: 'EXPO 2026', leadTypeId: 31 },
    dynamicFieldPlacement: 'custom',
    parallelDeliveries: 4,
    retentionDays: 7,
    idleSeconds: 90,
    languages: ['es', 'en'],
    defaultCountry: 'ES',
    consents: [
      {
        id: 'processing',
        flag: 'gdpr1',
        required: true,
        version: 'v3',
        text: consentTexts.processing,
      },
      {
        id: 'marketing',
        flag: 'gdpr2',
        required: false,
        version: 'v1',
        text: consentTexts.marketing,
      },
    ],
    automagic: { enabled: false },
    tokenState: 'stored',
    automagicTokenState: 'missing',
    staffPinSet: true,
  }
}

function defaultLists(): ReferenceLists {
  return {
    dealers: [
      { id: 11, name: 'Automóviles Sierra' },
      { id: 12, name: 'Motor Levante' },
    ],
    sites: [{ id: 21, name: 'Sede Centro' }],
    campaigns: [{ id: 41, name: 'Expo primavera', code: 'EXPO 2026' }],
    leadTypes: [
      { id: 30, name: 'WEB - Formulario' },
      { id: 31, name: 'OFFLINE - Paso de exposición' },
    ],
    fetchedAt: new Date().toISOString(),
  }
}

export function createFakeKioskApi(
  overrides: { settings?: Partial<PublicSettings>; status?: Partial<MainStatus> } = {},
): FakeKioskApi {
  const listeners = new Set<(event: KioskEvent) => void>()
  const api: FakeKioskApi = {
    settings: { ...defaultSettings(), ...overrides.settings },
    status: {
      demo: false,
      connectivity: { reachable: true, checkedAt: new Date().toISOString() },
      tokenState: 'stored',
      authPaused: false,
      lastDeliveryAt: null,
      ...overrides.status,
    },
    pin: '2468',
    lists: defaultLists(),
    missing: [],
    calls: {
      saveSettings: [],
      setToken: [],
      verifyStaffPin: [],
      setStaffPin: [],
      reportLedger: [],
      getReferenceLists: [],
      testConnection: 0,
      endStaffSession: 0,
      exitKiosk: 0,
    },
    emit: (event) => listeners.forEach((listener) => listener(event)),

    deliver: async (request) =>
      fail('transient', `not delivered in screen tests: ${request.reference}`),
    getStatus: async (): Promise<Result<MainStatus>> => ok(api.status),
    getSettings: async (): Promise<Result<PublicSettings>> => ok(api.settings),
    saveSettings: async (patch) => {
      api.calls.saveSettings.push(patch)
      const { customBaseUrl, ...rest } = patch
      api.settings = { ...api.settings, ...rest, baseUrl: customBaseUrl ?? api.settings.baseUrl }
      return ok(api.settings)
    },
    setToken: async (token): Promise<Result<TokenState>> => {
      api.calls.setToken.push(token)
      api.settings = { ...api.settings, tokenState: 'stored' }
      return ok('stored')
    },
    setAutomagicToken: async () => ok('stored'),
    testConnection: async (): Promise<Result<ConnectionTest>> => {
      api.calls.testConnection += 1
      return ok({ leadTypes: api.lists.leadTypes.length, showroomLeadTypeId: 31 })
    },
    getReferenceLists: async (dealerId) => {
      api.calls.getReferenceLists.push(dealerId)
      return ok(api.lists)
    },
    reportLedger: async (report): Promise<Result<LedgerReport>> => {
      api.calls.reportLedger.push(report)
      return ok({ missing: api.missing })
    },
    verifyStaffPin: async (pin) => {
      api.calls.verifyStaffPin.push(pin)
      return ok(pin === api.pin)
    },
    setStaffPin: async (current, next): Promise<Result<true>> => {
      api.calls.setStaffPin.push([current, next])
      if (current !== api.pin) return fail('invalid_input', 'The current PIN is wrong')
      api.pin = next
      return ok(true)
    },
    endStaffSession: async (): Promise<Result<true>> => {
      api.calls.endStaffSession += 1
      return ok(true)
    },
    exitKiosk: async (): Promise<Result<true>> => {
      api.calls.exitKiosk += 1
      return ok(true)
    },
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return api
}
