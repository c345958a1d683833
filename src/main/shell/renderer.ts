import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * Where the renderer comes from: the built files next to the main bundle (file://), or the
 * electron-vite dev server in development. Decides which frames may call IPC and which
 * requests the window may make.
 */
export type RendererLocation = {
  /** What the window loads. */
  url: string
  /** The app's own page (any hash or query): the only sender IPC accepts. */
  isAppPage(url: string): boolean
  /** A resource the app may load: its own files, or the dev server in development. */
  isAppResource(url: string): boolean
}

export function locateRenderer(mainDir: string, devServerUrl?: string): RendererLocation {
  if (devServerUrl) return devServer(devServerUrl)
  const root = pathToFileURL(join(mainDir, '../renderer')).href
  const index = `${root}/index.html`
  return {
    url: index,
    isAppPage: (url) => withoutSuffix(url) === index,
    isAppResource: (url) => url.startsWith(`${root}/`) || url.startsWith('data:'),
  }
}

/** IPC is answered only for the app's own page in a top-level frame. */
export function isTrustedSender(
  frame: { url: string; parent: unknown } | null | undefined,
  renderer: RendererLocation,
): boolean {
  return Boolean(frame) && frame?.parent === null && renderer.isAppPage(frame.url)
}

function devServer(serverUrl: string): RendererLocation {
  const origin = new URL(serverUrl).origin
  const host = new URL(serverUrl).host
  return {
    url: serverUrl,
    isAppPage: (url) => originOf(url) === origin,
    isAppResource: (url) =>
      originOf(url) === origin ||
      url.startsWith(`ws://${host}/`) ||
      url.startsWith('data:') ||
      url.startsWith('devtools:'),
  }
}

function withoutSuffix(url: string): string {
  return url.replace(/[?#].*$/, '')
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}
