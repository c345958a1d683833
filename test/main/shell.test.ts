import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserWindow } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryLogger } from '../../src/main/log'
import { lockDownWindow } from '../../src/main/shell/lockdown'
import { isTrustedSender, locateRenderer } from '../../src/main/shell/renderer'
import { contentSecurityPolicy } from '../../src/main/shell/session'
import { isBlockedShortcut, type KeyInput } from '../../src/main/shell/shortcuts'

/**
 * The shell's decisions, under Node with stand-ins for Electron's window and web contents (the
 * shell modules tested here import only Electron types). The Electron smoke test covers the
 * real window where a binary exists.
 */

const mainDir = '/opt/kiosk/out/main'
const renderer = locateRenderer(mainDir)
const indexUrl = pathToFileURL(join(mainDir, '../renderer/index.html')).href

function key(key: string, modifiers: Partial<KeyInput> = {}): KeyInput {
  return {
    type: 'keyDown',
    key,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...modifiers,
  }
}

class FakeContents extends EventEmitter {
  openHandler: (() => { action: string }) | null = null
  zoomLevel = 3
  visualLimits: [number, number] | null = null
  reloads = 0
  setWindowOpenHandler(handler: () => { action: string }): void {
    this.openHandler = handler
  }
  setZoomLevel(level: number): void {
    this.zoomLevel = level
  }
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.visualLimits = [min, max]
    return Promise.resolve()
  }
  isDestroyed(): boolean {
    return false
  }
  reload(): void {
    this.reloads += 1
  }
}

class FakeWindow extends EventEmitter {
  webContents = new FakeContents()
}

/** Emits an Electron-style event and answers whether a listener called preventDefault. */
function prevented(target: EventEmitter, name: string, ...args: unknown[]): boolean {
  let wasPrevented = false
  target.emit(name, { preventDefault: () => (wasPrevented = true) }, ...args)
  return wasPrevented
}

describe('kiosk-cannot-be-left', () => {
  let window: FakeWindow
  let quitting: boolean

  beforeEach(() => {
    vi.useFakeTimers()
    window = new FakeWindow()
    quitting = false
    lockDownWindow(window as unknown as BrowserWindow, {
      renderer,
      dev: false,
      quitting: () => quitting,
      log: createMemoryLogger(),
    })
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('blocks navigation, redirects, webviews, new windows and the context menu', () => {
    const contents = window.webContents
    expect(prevented(contents, 'will-navigate', 'https://example.com/')).toBe(true)
    expect(prevented(contents, 'will-redirect', 'https://example.com/')).toBe(true)
    expect(prevented(contents, 'will-attach-webview')).toBe(true)
    expect(prevented(contents, 'context-menu')).toBe(true)
    expect(contents.openHandler?.()).toEqual({ action: 'deny' })
  })

  it('swallows reload, devtools, history, zoom, print and close shortcuts', () => {
    const contents = window.webContents
    const blocked = [
      key('F5'),
      key('r', { control: true }),
      key('R', { control: true, shift: true }),
      key('F12'),
      key('I', { control: true, shift: true }),
      key('i', { meta: true, alt: true }),
      key('ArrowLeft', { alt: true }),
      key('BrowserBack'),
      key('+', { control: true }),
      key('-', { control: true }),
      key('0', { control: true }),
      key('p', { control: true }),
      key('w', { control: true }),
      key('q', { meta: true }),
      key('F4', { alt: true }),
    ]
    for (const input of blocked) {
      expect(prevented(contents, 'before-input-event', input), JSON.stringify(input)).toBe(true)
    }
  })

  it('lets typing and editing keys through', () => {
    const contents = window.webContents
    const allowed = [
      key('a'),
      key('Ñ', { shift: true }),
      key('@', { control: true, alt: true }),
      key('[', { control: true, alt: true }),
      key('Backspace'),
      key('Tab'),
      key('Enter'),
      key('c', { control: true }),
      key('v', { control: true }),
      key('z', { control: true }),
      key('a', { control: true }),
    ]
    for (const input of allowed) {
      expect(prevented(contents, 'before-input-event', input), JSON.stringify(input)).toBe(false)
    }
    expect(prevented(contents, 'before-input-event', { ...key('F5'), type: 'keyUp' })).toBe(false)
  })

  it('keeps the window open until the app quits', () => {
    expect(prevented(window, 'close')).toBe(true)
    quitting = true
    expect(prevented(window, 'close')).toBe(false)
  })

  it('resets any zoom and pins pinch zoom', () => {
    window.webContents.emit('zoom-changed', {}, 'in')
    expect(window.webContents.zoomLevel).toBe(0)
    expect(window.webContents.visualLimits).toEqual([1, 1])
  })

  it('reloads a crashed renderer, and backs off when it keeps crashing', () => {
    const contents = window.webContents
    const crash = () => contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 })
    crash()
    vi.advanceTimersByTime(0)
    expect(contents.reloads).toBe(1)

    for (let index = 0; index < 3; index += 1) crash()
    vi.advanceTimersByTime(0)
    expect(contents.reloads).toBe(3)
    vi.advanceTimersByTime(10_000)
    expect(contents.reloads).toBe(4)
  })

  it('allows devtools and reload in development only', () => {
    expect(isBlockedShortcut(key('F12'), true)).toBe(false)
    expect(isBlockedShortcut(key('r', { control: true }), true)).toBe(false)
    expect(isBlockedShortcut(key('ArrowLeft', { alt: true }), true)).toBe(true)
  })
})

describe('renderer location', () => {
  it('trusts only the app page in a top-level frame', () => {
    expect(isTrustedSender({ url: indexUrl, parent: null }, renderer)).toBe(true)
    expect(isTrustedSender({ url: `${indexUrl}#/staff`, parent: null }, renderer)).toBe(true)
    expect(isTrustedSender({ url: indexUrl, parent: {} }, renderer)).toBe(false)
    expect(isTrustedSender({ url: 'file:///etc/passwd', parent: null }, renderer)).toBe(false)
    expect(isTrustedSender({ url: 'https://example.com/', parent: null }, renderer)).toBe(false)
    expect(isTrustedSender(null, renderer)).toBe(false)
  })

  it('lets the window load its own files only', () => {
    const asset = pathToFileURL(join(mainDir, '../renderer/assets/index.js')).href
    expect(renderer.isAppResource(asset)).toBe(true)
    expect(renderer.isAppResource('file:///etc/passwd')).toBe(false)
    expect(renderer.isAppResource(pathToFileURL(join(mainDir, 'index.js')).href)).toBe(false)
    expect(renderer.isAppResource('https://api.leadcars.es/api/v2/tipos')).toBe(false)
  })

  it('follows the dev server in development', () => {
    const dev = locateRenderer(mainDir, 'http://localhost:5173/')
    expect(dev.isAppPage('http://localhost:5173/#/staff')).toBe(true)
    expect(dev.isAppPage('http://localhost:5174/')).toBe(false)
    expect(dev.isAppResource('ws://localhost:5173/')).toBe(true)
    expect(dev.isAppResource('https://example.com/x.js')).toBe(false)
  })

  it('sends a strict content security policy', () => {
    expect(contentSecurityPolicy).toContain("default-src 'none'")
    expect(contentSecurityPolicy).toContain("script-src 'self'")
    expect(contentSecurityPolicy).not.toContain('unsafe-eval')
  })
})
