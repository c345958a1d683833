import { BrowserWindow } from 'electron'
import type { Logger } from '../log'
import { lockDownWindow } from './lockdown'
import type { RendererLocation } from './renderer'

export type KioskWindowOptions = {
  renderer: RendererLocation
  preload: string
  /** Development: a normal window with devtools; production: full-screen kiosk. */
  dev: boolean
  quitting: () => boolean
  log: Logger
}

/** The single kiosk window: sandboxed, isolated, locked down, shown once painted. */
export function openKioskWindow(options: KioskWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    show: false,
    width: 1280,
    height: 800,
    kiosk: !options.dev,
    fullscreen: !options.dev,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: options.dev,
      spellcheck: false,
      safeDialogs: true,
    },
  })
  window.removeMenu()
  lockDownWindow(window, options)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(options.renderer.url).catch((error: unknown) => {
    options.log.error('renderer failed to load', { error })
  })
  return window
}
