import { BrowserWindow, ipcMain } from 'electron'
import { channels } from '../../shared/contract'
import type { KioskCall, KioskEvent } from '../../shared/contract'
import { fail } from '../../shared/errors'
import type { KioskHandlers } from '../handlers'
import type { Logger } from '../log'
import { isTrustedSender, type RendererLocation } from './renderer'

/**
 * Binds each KioskApi call to its IPC channel. A call is answered only for the app's own page
 * in a top-level frame; anything else gets a refusal Result (and a log line), never a handler.
 */
export function registerIpc(
  handlers: KioskHandlers,
  renderer: RendererLocation,
  log: Logger,
): void {
  for (const call of Object.keys(handlers) as KioskCall[]) {
    ipcMain.handle(channels[call], (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame, renderer)) {
        log.warn('IPC call from an unknown frame refused', { call })
        return fail('invalid_input', 'This caller may not use the kiosk service.')
      }
      return handlers[call](payload)
    })
  }
}

/** Sends every KioskEvent to every open window. */
export function forwardEvents(subscribe: (listener: (event: KioskEvent) => void) => void): void {
  subscribe((event) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(channels.event, event)
    }
  })
}
