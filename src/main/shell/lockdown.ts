import type { BrowserWindow, WebContents } from 'electron'
import type { Logger } from '../log'
import type { RendererLocation } from './renderer'
import { isBlockedShortcut } from './shortcuts'

const crashWindowMs = 60_000
const crashesBeforeBackoff = 3

/**
 * Keeps a visitor inside the kiosk: no navigation, no new windows or webviews, no zoom, no
 * reload / devtools / history shortcuts, no closing the window (only the app quitting closes
 * it). A crashed renderer is reloaded; the outbox lives in IndexedDB, so nothing is lost.
 */
export function lockDownWindow(
  window: BrowserWindow,
  options: { renderer: RendererLocation; dev: boolean; quitting: () => boolean; log: Logger },
): void {
  const contents = window.webContents
  blockNavigation(contents, options.log)
  fixZoom(contents)
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input, options.dev)) event.preventDefault()
  })
  window.on('close', (event) => {
    if (!options.quitting() && !options.dev) event.preventDefault()
  })
  reloadAfterCrash(contents, options.log)
}

function blockNavigation(contents: WebContents, log: Logger): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault()
    log.warn('navigation blocked')
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => {
    log.warn('new window blocked')
    return { action: 'deny' }
  })
  contents.on('context-menu', (event) => event.preventDefault())
}

function fixZoom(contents: WebContents): void {
  const reset = (): void => {
    contents.setZoomLevel(0)
    void contents.setVisualZoomLevelLimits(1, 1)
  }
  contents.on('did-finish-load', reset)
  contents.on('zoom-changed', reset)
}

function reloadAfterCrash(contents: WebContents, log: Logger): void {
  let recent: number[] = []
  contents.on('render-process-gone', (_event, details) => {
    log.error('renderer gone', { reason: details.reason, exitCode: details.exitCode })
    if (details.reason === 'clean-exit' || contents.isDestroyed()) return
    const now = Date.now()
    recent = [...recent.filter((at) => now - at < crashWindowMs), now]
    const delay = recent.length > crashesBeforeBackoff ? 10_000 : 0
    setTimeout(() => {
      if (!contents.isDestroyed()) contents.reload()
    }, delay)
  })
}
