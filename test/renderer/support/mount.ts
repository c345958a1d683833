import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { vi } from 'vitest'
import { page } from 'vitest/browser'
import { cleanup, render, type RenderResult } from 'vitest-browser-vue'
import type { Component } from 'vue'
import App from '../../../src/renderer/src/App.vue'
import { openOutbox, type Courier, type Outbox } from '../../../src/renderer/src/outbox'
import { servicesKey } from '../../../src/renderer/src/services'
import { createFakeKioskApi, type FakeKioskApi } from './fake-kiosk-api'

/** A courier stand-in: screens only wake it or ask it to send now; the tests read the calls. */
export type FakeCourier = Courier & {
  wake: ReturnType<typeof vi.fn<(reason: string) => void>>
  sendNow: ReturnType<typeof vi.fn<() => Promise<void>>>
}

export function createFakeCourier(): FakeCourier {
  return {
    start: () => undefined,
    wake: vi.fn<(reason: string) => void>(),
    sendNow: vi.fn<() => Promise<void>>(async () => undefined),
    stop: async () => undefined,
    running: true,
    leading: true,
  }
}

export type Mounted = {
  screen: RenderResult<Record<string, unknown>>
  api: FakeKioskApi
  outbox: Outbox
  courier: FakeCourier
  pinia: Pinia
}

const opened: Outbox[] = []

/** A fresh outbox in real IndexedDB, under a name no other test uses. */
export async function freshOutbox(name = `screens-${crypto.randomUUID()}`): Promise<Outbox> {
  const outbox = await openOutbox(name)
  opened.push(outbox)
  return outbox
}

/**
 * Unmounts what the last test rendered, lets live queries already running settle, then closes
 * its outboxes (call from afterEach).
 */
export async function tearDown(): Promise<void> {
  cleanup()
  await new Promise((settled) => setTimeout(settled, 100))
  for (const outbox of opened.splice(0)) outbox.close()
}

/**
 * Renders `component` (the whole App by default) as main.ts would: Pinia, the outbox and the
 * courier provided, and `window.kiosk` set to a fake main.
 */
export async function mount(
  options: {
    api?: FakeKioskApi
    outbox?: Outbox
    courier?: FakeCourier
    component?: Component
    props?: Record<string, unknown>
  } = {},
): Promise<Mounted> {
  await page.viewport(1280, 800)
  const api = options.api ?? createFakeKioskApi()
  window.kiosk = api
  const outbox = options.outbox ?? (await freshOutbox())
  const courier = options.courier ?? createFakeCourier()
  const pinia = createPinia()
  setActivePinia(pinia)
  const screen = await render(options.component ?? App, {
    props: options.props,
    global: { plugins: [pinia], provide: { [servicesKey]: { outbox, courier } } },
  })
  return { screen, api, outbox, courier, pinia }
}
