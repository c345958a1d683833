/** The keyboard facts the shortcut policy needs (a subset of Electron's `Input`). */
export type KeyInput = {
  type: string
  key: string
  control: boolean
  meta: boolean
  alt: boolean
  shift: boolean
}

const alwaysBlocked = new Set(['browserback', 'browserforward', 'browserhome', 'browsersearch'])
const reloadKeys = new Set(['f5', 'browserrefresh'])
const zoomKeys = new Set(['+', '-', '=', '0', 'add', 'subtract'])
/** Reload, close, quit, print, new window/tab, open, save, view source, find. */
const commandLetters = new Set(['r', 'w', 'q', 'p', 'n', 't', 'o', 's', 'u', 'f', 'g', 'h', 'j'])
const devtoolsLetters = new Set(['i', 'j', 'c'])

/**
 * Whether the kiosk swallows this key press: reload, devtools, history navigation, zoom, close,
 * print and the like. In development reload and devtools stay available; editing keys (copy,
 * paste, undo, select all) always pass.
 */
export function isBlockedShortcut(input: KeyInput, dev: boolean): boolean {
  if (input.type !== 'keyDown') return false
  const key = input.key.toLowerCase()
  // Windows reports AltGr as Control+Alt; with it a Spanish keyboard types @, [, ], €.
  const altGraph = input.control && input.alt && !input.meta
  const command = (input.control || input.meta) && !altGraph

  if (alwaysBlocked.has(key)) return true
  if (input.alt && !altGraph && ['arrowleft', 'arrowright', 'home'].includes(key)) return true
  if (key === 'f4' && (input.alt || command)) return true
  if (command && zoomKeys.has(key)) return true
  if (command && (key === '[' || key === ']')) return true
  if (dev) return false

  if (reloadKeys.has(key) || key === 'f12' || key === 'f7' || key === 'f11') return true
  if (command && input.shift && devtoolsLetters.has(key)) return true
  if (command && input.alt && devtoolsLetters.has(key)) return true
  return command && commandLetters.has(key)
}
