import { liveQuery, type Subscription } from 'dexie'
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { KioskEvent, MainStatus } from '../../../shared/contract'
import { entryStates, type EntryState, type Visitor } from '../../../shared/entry'
import type { KioskError } from '../../../shared/errors'
import { useKioskApi } from '../kiosk-api'
import type { OutboxEntry, SetAsideRow } from '../outbox'
import { useServices } from '../services'

export type StorageAlert = { at: string; quota: boolean }

const waitingStates: EntryState[] = ['pending', 'sending', 'needs_attention']

function zeroCounts(): Record<EntryState, number> {
  return Object.fromEntries(entryStates.map((state) => [state, 0])) as Record<EntryState, number>
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function isQuotaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'quota' in error && error.quota === true
}

/**
 * Mirrors what staff see: the outbox (through a Dexie live query, so the list follows the
 * courier), main's status and events, and alerts raised in this window. It renders state; the
 * outbox and main compute it.
 */
export const useSyncStore = defineStore('sync', () => {
  const api = useKioskApi()
  const { outbox, courier } = useServices()

  const entries = ref<OutboxEntry[]>([])
  const counts = ref<Record<EntryState, number>>(zeroCounts())
  const setAside = ref<SetAsideRow[]>([])
  const status = ref<MainStatus | null>(null)
  const missing = ref<string[]>([])
  const storageAlert = ref<StorageAlert | null>(null)
  const courierError = ref<KioskError | null>(null)
  const loadError = ref<string | null>(null)
  const sendingNow = ref(false)
  let subscription: Subscription | null = null
  let stopEvents: (() => void) | null = null

  const oldestWaiting = computed(() =>
    entries.value
      .filter((entry) => waitingStates.includes(entry.state))
      .reduce<string | null>((oldest, entry) => {
        return oldest === null || entry.capturedAt < oldest ? entry.capturedAt : oldest
      }, null),
  )

  const lastDeliveryAt = computed(() =>
    entries.value.reduce<string | null>(
      (latest, entry) =>
        entry.deliveredAt && (!latest || entry.deliveredAt > latest) ? entry.deliveredAt : latest,
      status.value?.lastDeliveryAt ?? null,
    ),
  )

  /** A delivery that went through means the courier's last error no longer holds. */
  watch(lastDeliveryAt, (latest, before) => {
    if (latest && latest !== before) courierError.value = null
  })

  function noteStatus(next: MainStatus): void {
    status.value = next
    if (!next.authPaused && courierError.value?.kind === 'auth') courierError.value = null
  }

  function onEvent(event: KioskEvent): void {
    if (event.type === 'status') noteStatus(event.status)
    if (event.type === 'connectivity' && status.value) {
      status.value = { ...status.value, connectivity: event.connectivity }
    }
  }

  async function loadStatus(): Promise<void> {
    const result = await api.getStatus()
    if (result.ok) noteStatus(result.value)
  }

  async function refresh(): Promise<void> {
    try {
      const [list, stateCounts, asideRows] = await Promise.all([
        outbox.list(),
        outbox.counts(),
        outbox.setAside(),
      ])
      entries.value = list
      counts.value = stateCounts
      setAside.value = asideRows
      loadError.value = null
    } catch (error) {
      loadError.value = messageOf(error)
    }
  }

  function watchOutbox(): Subscription {
    return liveQuery(() => Promise.all([outbox.list(), outbox.counts()])).subscribe({
      next: ([list, stateCounts]) => {
        entries.value = list
        counts.value = stateCounts
      },
      error: (error: unknown) => (loadError.value = messageOf(error)),
    })
  }

  /** Starts mirroring main's status and the outbox. Safe to call more than once. */
  function start(): void {
    if (subscription) return
    stopEvents = api.onEvent(onEvent)
    subscription = watchOutbox()
    void loadStatus()
    void refresh()
  }

  function stop(): void {
    subscription?.unsubscribe()
    stopEvents?.()
    subscription = null
    stopEvents = null
  }

  /**
   * Tells main's ledger the whole outbox and keeps the references it knows that this outbox
   * holds under no reference, delivery key or set-aside row: entries lost from the store.
   */
  async function checkLedger(): Promise<void> {
    const rows = entries.value.map(({ reference, state }) => ({ reference, state }))
    const result = await api.reportLedger({ rows, complete: true })
    if (!result.ok) return
    const held = new Set(entries.value.flatMap((entry) => [entry.reference, entry.deliveryKey]))
    for (const row of setAside.value) held.add(row.key)
    missing.value = result.value.missing.filter((reference) => !held.has(reference))
  }

  function raiseStorageAlert(error: unknown): void {
    storageAlert.value = { at: new Date().toISOString(), quota: isQuotaError(error) }
  }

  function noteCourierError(error: KioskError): void {
    courierError.value = error
  }

  /** Runs a staff action on the outbox, wakes the courier, and answers an error text or null. */
  async function act(work: () => Promise<void>, wake: string): Promise<string | null> {
    try {
      await work()
      courier.wake(wake)
      await refresh()
      return null
    } catch (error) {
      return messageOf(error)
    }
  }

  async function sendNow(): Promise<void> {
    if (sendingNow.value) return
    sendingNow.value = true
    try {
      await courier.sendNow()
    } finally {
      sendingNow.value = false
      await refresh()
    }
  }

  return {
    entries,
    counts,
    setAside,
    status,
    missing,
    storageAlert,
    courierError,
    loadError,
    sendingNow,
    oldestWaiting,
    lastDeliveryAt,
    start,
    stop,
    refresh,
    loadStatus,
    checkLedger,
    raiseStorageAlert,
    noteCourierError,
    clearStorageAlert: () => (storageAlert.value = null),
    sendNow,
    retry: (reference: string) => act(() => outbox.retry(reference), 'retry'),
    edit: (reference: string, visitor: Visitor) =>
      act(() => outbox.edit(reference, visitor), 'edited'),
    discard: (reference: string, reason: string) =>
      act(() => outbox.discard(reference, reason), 'discarded'),
    resendDelivered: (reference: string) => act(() => outbox.resendDelivered(reference), 'resent'),
  }
})
