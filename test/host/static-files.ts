import { readFile, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Resolves a URL path to a file inside `root`, or null: no dotfiles or dot folders, no
 * traversal, no encoded separators, nothing outside the root.
 */
export function safeFilePath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.split('/').filter((segment) => segment !== '')
  if (segments.some((segment) => segment.startsWith('.'))) return null
  const base = resolve(root)
  const file = resolve(base, ...segments)
  return file.startsWith(base + sep) ? file : null
}

/** Serves one file of the built renderer; answers false when there is no such file. */
export async function serveFile(
  res: ServerResponse,
  file: string,
  headOnly: boolean,
): Promise<boolean> {
  const info = await stat(file).catch(() => null)
  if (!info?.isFile()) return false
  const body = await readFile(file)
  res.writeHead(200, {
    'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  })
  res.end(headOnly ? undefined : body)
  return true
}

/** The renderer's index.html with the bridge script before the app's first script. */
export async function indexWithBridge(rendererDir: string, bridgePath: string): Promise<string> {
  const html = await readFile(join(rendererDir, 'index.html'), 'utf8')
  const tag = `<script src="${bridgePath}"></script>`
  const firstScript = html.search(/<script\b/i)
  if (firstScript >= 0) return `${html.slice(0, firstScript)}${tag}\n    ${html.slice(firstScript)}`
  return html.replace(/<\/head>/i, `${tag}\n</head>`)
}
