import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { _electron as electron, type ElectronApplication, type Page } from 'playwright'

/**
 * `npm run test:electron`: starts the built app in Electron (development window, temp user
 * data) and checks that the attract screen shows. Skips with one line when this machine has no
 * Electron binary. The binary is looked up without `require('electron')`, whose index starts a
 * download when the binary is missing.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const attractText = /Toque para empezar/

function electronBinary(): string | null {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const relative = readFileSync(pathFile, 'utf8').trim()
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist')
  const binary = join(distDir, relative)
  return existsSync(binary) ? binary : null
}

async function smoke(binary: string): Promise<void> {
  if (!existsSync(join(root, 'out/main/index.js'))) {
    throw new Error('The app is not built: run `npm run build` first')
  }
  const userData = await mkdtemp(join(tmpdir(), 'kiosk-electron-'))
  const rootUser = process.getuid?.() === 0
  const app = await electron.launch({
    executablePath: binary,
    args: [...(rootUser ? ['--no-sandbox'] : []), '--disable-gpu', root],
    cwd: root,
    env: { ...process.env, KIOSK_DEV: '1', KIOSK_USER_DATA_DIR: userData },
    timeout: 60_000,
  })
  try {
    const window = await app.firstWindow()
    await window.getByText(attractText).first().waitFor({ timeout: 30_000 })
    const hasBridge = await window.evaluate('typeof window.kiosk')
    if (hasBridge !== 'object') throw new Error('window.kiosk is missing in the Electron window')
    await cannotLeave(app, window)
  } finally {
    await app.close()
    await rm(userData, { recursive: true, force: true })
  }
}

/** kiosk-cannot-be-left: window.open and navigation away leave the app page in place. */
async function cannotLeave(app: ElectronApplication, window: Page): Promise<void> {
  const start = window.url()
  await window.evaluate('window.open("about:blank"); undefined')
  await window.evaluate('location.href = "file:///"; undefined')
  await window.waitForTimeout(1_000)
  if (app.windows().length !== 1) throw new Error('a second window opened')
  if (window.url() !== start) throw new Error('the window navigated away from the app')
}

async function main(): Promise<void> {
  const binary = electronBinary()
  if (!binary) {
    process.stdout.write(
      'Electron smoke test: skipped, the Electron binary is not installed on this machine\n',
    )
    return
  }
  await smoke(binary)
  process.stdout.write('Electron smoke test: passed, the attract screen shows\n')
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : 'unknown error'
  process.stderr.write(`Electron smoke test: failed: ${message}\n`)
  process.exit(1)
})
