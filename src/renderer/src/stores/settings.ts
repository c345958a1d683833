import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ConnectionTest, ReferenceItem, ReferenceLists } from '../../../shared/contract'
import type { Routing } from '../../../shared/entry'
import type { KioskError, Result } from '../../../shared/errors'
import type { PublicSettings, SettingsPatch, TokenState } from '../../../shared/settings'
import { useKioskApi } from '../kiosk-api'

/** The lead type LeadCars names "OFFLINE - Paso de exposición", if the list has it. */
export function findShowroomLeadType(items: ReferenceItem[]): ReferenceItem | undefined {
  const plain = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  return items.find((item) => plain(`${item.name} ${item.code ?? ''}`).includes('exposicion'))
}

/** Settings as main reports them, and the staff calls that change them. Holds no secret. */
export const useSettingsStore = defineStore('settings', () => {
  const api = useKioskApi()
  const settings = ref<PublicSettings | null>(null)
  const loadError = ref<KioskError | null>(null)
  const referenceLists = ref<ReferenceLists | null>(null)

  const defaultCountry = computed(() => settings.value?.defaultCountry ?? 'ES')
  const consents = computed(() => settings.value?.consents ?? [])
  const languages = computed(() => settings.value?.languages ?? [])
  const idleSeconds = computed(() => settings.value?.idleSeconds ?? 90)
  const parallelDeliveries = computed(() => settings.value?.parallelDeliveries ?? 4)
  const dealerName = computed(() => {
    const dealerId = settings.value?.routing.dealerId
    return referenceLists.value?.dealers.find((dealer) => dealer.id === dealerId)?.name ?? ''
  })

  /** Where a lead captured now goes; a missing id is 0 so that delivery asks staff to fix it. */
  function captureRouting(): Routing {
    const { dealerId, siteId, campaignCode, leadTypeId } = settings.value?.routing ?? {}
    const routing: Routing = { dealerId: dealerId ?? 0, leadTypeId: leadTypeId ?? 0 }
    if (siteId !== undefined) routing.siteId = siteId
    if (campaignCode) routing.campaignCode = campaignCode
    return routing
  }

  function keep<T>(result: Result<T>, apply: (value: T) => void): Result<T> {
    if (result.ok) apply(result.value)
    return result
  }

  async function load(): Promise<void> {
    const result = await api.getSettings()
    loadError.value = result.ok ? null : result.error
    if (result.ok) settings.value = result.value
  }

  async function loadReferenceLists(dealerId?: number): Promise<Result<ReferenceLists>> {
    return keep(await api.getReferenceLists(dealerId), (lists) => (referenceLists.value = lists))
  }

  /**
   * Loads settings, then the cached lists that name the dealer on the attract screen. Called
   * without waiting at start-up, so a bridge that rejects is kept as a load error, not thrown.
   */
  async function loadAll(): Promise<void> {
    try {
      await load()
      await loadReferenceLists(settings.value?.routing.dealerId)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      loadError.value = { kind: 'transient', message }
    }
  }

  async function save(patch: SettingsPatch): Promise<Result<PublicSettings>> {
    return keep(await api.saveSettings(patch), (saved) => (settings.value = saved))
  }

  async function setToken(token: string): Promise<Result<TokenState>> {
    return keep(await api.setToken(token), (tokenState) => {
      if (settings.value) settings.value = { ...settings.value, tokenState }
    })
  }

  async function testConnection(): Promise<Result<ConnectionTest>> {
    return api.testConnection()
  }

  async function verifyPin(pin: string): Promise<Result<boolean>> {
    return api.verifyStaffPin(pin)
  }

  async function changePin(current: string, next: string): Promise<Result<true>> {
    return api.setStaffPin(current, next)
  }

  /** Main closes its staff session too: staff-only calls need the PIN again. */
  async function endStaffSession(): Promise<Result<true>> {
    return api.endStaffSession()
  }

  async function exitKiosk(): Promise<Result<true>> {
    return api.exitKiosk()
  }

  return {
    settings,
    loadError,
    referenceLists,
    defaultCountry,
    consents,
    languages,
    idleSeconds,
    parallelDeliveries,
    dealerName,
    captureRouting,
    load,
    loadAll,
    loadReferenceLists,
    save,
    setToken,
    testConnection,
    verifyPin,
    changePin,
    endStaffSession,
    exitKiosk,
  }
})
