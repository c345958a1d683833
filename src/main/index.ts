import { join } from 'node:path'
import { app, Menu, session } from 'electron'
import { createKioskCore, type KioskCore } from './app'
import { createHandlers } from './handlers'
import { createLogger, type Logger } from './log'
import { forwardEvents, registerIpc } from './shell/ipc'
import { watchNetwork } from './shell/network'
import { locateRenderer } from './shell/renderer'
import { createSafeStorageCipher } from './shell/safe-storage'
import { hardenSession } from './shell/session'
import { openKioskWindow } from './shell/window'

/** Development switches work only in an unpackaged build: a packaged kiosk ignores them. */
const unpackaged = !app.isPackaged
const dev = unpackaged && process.env.KIOSK_DEV === '1'
const userDataOverride = dev ? process.env.KIOSK_USER_DATA_DIR : undefined
let quitting = false

if (userDataOverride) app.setPath('userData', userDataOverride)

if (!app.requestSingleInstanceLock()) app.quit()
else void start()

async function start(): Promise<void> {
  await app.whenReady()
  const logger = createLogger(app.getPath('logs'))
  try {
    await run(logger)
  } catch (error) {
    logger.error('start-up failed', { error })
    app.exit(1)
  }
}

async function run(logger: Logger): Promise<void> {
  Menu.setApplicationMenu(null)
  const renderer = locateRenderer(__dirname, unpackaged ? process.env.ELECTRON_RENDERER_URL : '')
  hardenSession(session.defaultSession, renderer, logger.child('session'))
  const core = await createKioskCore({
    dataDir: app.getPath('userData'),
    cipher: createSafeStorageCipher(),
    env: unpackaged ? process.env : {},
    logger,
    onExitRequested: () => app.quit(),
  })
  registerIpc(createHandlers(core), renderer, logger.child('ipc'))
  forwardEvents(core.onEvent)
  const window = openKioskWindow({
    renderer,
    preload: join(__dirname, '../preload/index.js'),
    dev,
    quitting: () => quitting,
    log: logger.child('window'),
  })
  const stopNetwork = watchNetwork(() => core.networkChanged())

  app.on('second-instance', () => window.focus())
  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', () => {
    quitting = true
  })
  closeCoreBeforeQuit(core, stopNetwork)
}

/** Quitting waits for deliveries in flight; the outbox in the renderer keeps everything else. */
function closeCoreBeforeQuit(core: KioskCore, stopNetwork: () => void): void {
  let closed = false
  app.on('will-quit', (event) => {
    if (closed) return
    event.preventDefault()
    stopNetwork()
    void core.close().finally(() => {
      closed = true
      app.quit()
    })
  })
}
