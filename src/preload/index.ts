import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import { channels } from '../shared/contract'
import type { KioskEvent } from '../shared/contract'
import { createKioskApi } from './api'

/**
 * Exposes exactly the KioskApi to the sandboxed renderer as `window.kiosk`: named functions and
 * one event subscription. Never ipcRenderer itself, never process.env.
 */
const kiosk = createKioskApi({
  invoke: (call, payload) => ipcRenderer.invoke(channels[call], payload),
  subscribe: (listener) => {
    const forward = (_event: IpcRendererEvent, payload: KioskEvent): void => listener(payload)
    ipcRenderer.on(channels.event, forward)
    return () => {
      ipcRenderer.removeListener(channels.event, forward)
    }
  },
})

contextBridge.exposeInMainWorld('kiosk', kiosk)

/** A file or link dropped on the kiosk is ignored, whatever the page does with drag events. */
const page = globalThis as unknown as EventTarget
for (const type of ['dragover', 'drop']) {
  page.addEventListener(type, (event) => event.preventDefault())
}
