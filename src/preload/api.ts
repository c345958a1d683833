import type { KioskApi, KioskCall, KioskEvent } from '../shared/contract'
import type { Result } from '../shared/errors'
import { fail } from '../shared/errors'

/**
 * The KioskApi over any transport that carries one payload per call and pushes events: IPC in
 * the Electron preload, HTTP in the development host. Each call sends exactly one payload (or
 * none), the shape the main-side handlers parse. A transport failure becomes a `transient`
 * Result: nothing throws across the boundary.
 */
export type KioskTransport = {
  invoke(call: KioskCall, payload?: unknown): Promise<unknown>
  subscribe(listener: (event: KioskEvent) => void): () => void
}

export function createKioskApi(transport: KioskTransport): KioskApi {
  const call = async <T>(name: KioskCall, payload?: unknown): Promise<Result<T>> => {
    try {
      return (await transport.invoke(name, payload)) as Result<T>
    } catch {
      return fail('transient', 'The kiosk service did not answer.')
    }
  }

  return {
    deliver: (request) => call('deliver', request),
    getStatus: () => call('getStatus'),
    getSettings: () => call('getSettings'),
    saveSettings: (patch) => call('saveSettings', patch),
    setToken: (token) => call('setToken', token),
    setAutomagicToken: (token) => call('setAutomagicToken', token),
    testConnection: () => call('testConnection'),
    getReferenceLists: (dealerId) => call('getReferenceLists', dealerId),
    reportLedger: (report) => call('reportLedger', report),
    verifyStaffPin: (pin) => call('verifyStaffPin', pin),
    setStaffPin: (current, next) => call('setStaffPin', { current, next }),
    endStaffSession: () => call('endStaffSession'),
    exitKiosk: () => call('exitKiosk'),
    onEvent: (listener) => transport.subscribe(listener),
  }
}
