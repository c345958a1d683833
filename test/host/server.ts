import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { resolve } from 'node:path'
import { createKioskCore, type KioskCore } from '../../src/main/app'
import { createHandlers, type KioskHandlers } from '../../src/main/handlers'
import type { Logger } from '../../src/main/log'
import { noneCipher, type Cipher } from '../../src/main/secrets'
import { fail } from '../../src/shared/errors'
import { bridgeScript } from './bridge-bundle'
import { createEventStreams, type EventStreams } from './events'
import { indexWithBridge, safeFilePath, serveFile } from './static-files'

/**
 * The development host (never packaged): the real main-process core and handlers under Node,
 * the built renderer served on 127.0.0.1, and the KioskApi carried over HTTP so that the app
 * runs in any Chromium. `POST /__kiosk/call/<call>` answers the handler's Result as JSON,
 * `GET /__kiosk/events` streams KioskEvents (SSE), `POST /__kiosk/network-changed` plays an OS
 * network change. Requests must name this host on loopback; a browser's calls must come from it.
 */
export type HostOptions = {
  /** 0 (default) picks a free port. */
  port?: number
  dataDir: string
  /** LEADCARS_* overrides for the core; demo mode with the embedded simulator when absent. */
  env?: Record<string, string | undefined>
  /** The built renderer (`electron-vite build`); `out/renderer` by default. */
  rendererDir?: string
  /** No encryption by default: the host is not a kiosk, tokens show as unprotected. */
  cipher?: Cipher
  logger?: Logger
}

export type Host = { url: string; core: KioskCore; close(): Promise<void> }

type Context = {
  core: KioskCore
  handlers: KioskHandlers
  streams: EventStreams
  rendererDir: string
  origins: Set<string>
}

const defaultRendererDir = resolve(__dirname, '../../out/renderer')
const bridgePath = '/__kiosk/bridge.js'
const callPrefix = '/__kiosk/call/'
const maxBodyBytes = 1024 * 1024

export async function startHost(options: HostOptions): Promise<Host> {
  const core = await createKioskCore({
    dataDir: options.dataDir,
    cipher: options.cipher ?? noneCipher,
    env: options.env ?? {},
    logger: options.logger,
  })
  const context: Context = {
    core,
    handlers: createHandlers(core),
    streams: createEventStreams(core.onEvent),
    rendererDir: options.rendererDir ?? defaultRendererDir,
    origins: new Set(),
  }
  const server = createServer((req, res) => {
    route(req, res, context).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal error')
      else res.end()
    })
  })
  const port = await listen(server, options.port ?? 0)
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) context.origins.add(host)

  return {
    url: `http://127.0.0.1:${port}`,
    core,
    close: () => stop(server, context),
  }
}

async function route(req: IncomingMessage, res: ServerResponse, context: Context): Promise<void> {
  if (!context.origins.has(req.headers.host ?? '')) return sendText(res, 403, 'Unknown host')
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
  if (path.startsWith('/__kiosk/')) return kioskRoute(req, res, path, context)
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed')
  return staticRoute(req, res, path, context)
}

async function kioskRoute(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  context: Context,
): Promise<void> {
  if (req.method === 'GET' && path === bridgePath) {
    return send(res, 200, 'text/javascript; charset=utf-8', await bridgeScript())
  }
  if (req.method === 'GET' && path === '/__kiosk/events') return context.streams.open(req, res)
  if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed')
  if (!fromThisHost(req, context)) return sendText(res, 403, 'Cross-origin call refused')
  if (path === '/__kiosk/network-changed') {
    context.core.networkChanged()
    res.writeHead(204).end()
    return
  }
  const call = path.startsWith(callPrefix) ? path.slice(callPrefix.length) : ''
  if (!Object.hasOwn(context.handlers, call)) return sendText(res, 404, 'Unknown call')
  const payload = await readPayload(req)
  if (payload === invalid)
    return sendJson(res, 400, fail('invalid_input', 'The body is not JSON or is too large.'))
  const handler = context.handlers[call as keyof KioskHandlers]
  return sendJson(res, 200, await handler(payload))
}

async function staticRoute(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  context: Context,
): Promise<void> {
  if (path === '/' || path === '/index.html') {
    const html = await indexWithBridge(context.rendererDir, bridgePath).catch(() => null)
    if (html === null) return sendText(res, 503, 'No built renderer: run `electron-vite build`.')
    return send(res, 200, 'text/html; charset=utf-8', req.method === 'HEAD' ? '' : html)
  }
  const file = safeFilePath(context.rendererDir, path)
  if (file && (await serveFile(res, file, req.method === 'HEAD'))) return
  sendText(res, 404, 'Not found')
}

/** A browser names its origin on a POST; it must be this host. Non-browser clients send none. */
function fromThisHost(req: IncomingMessage, context: Context): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return true
  return origin.startsWith('http://') && context.origins.has(origin.slice('http://'.length))
}

const invalid = Symbol('invalid')

async function readPayload(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > maxBodyBytes) return invalid
    chunks.push(buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return invalid
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(body)
}

function sendText(res: ServerResponse, status: number, text: string): void {
  send(res, status, 'text/plain; charset=utf-8', text)
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value))
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}

/** Streams end, idle sockets close, deliveries in flight finish, then the core stops. */
async function stop(server: Server, context: Context): Promise<void> {
  context.streams.closeAll()
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeIdleConnections()
  await context.core.close()
  server.closeAllConnections()
  await closed
}
