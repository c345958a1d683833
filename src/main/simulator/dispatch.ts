import type { IncomingMessage, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { authFailure, type Credentials } from './auth'
import { errorReply } from './errors'
import { captivePortalReply, statusFaultReply, truncatedReply, type FaultBook } from './faults'
import { writeReply, type Reply } from './reply'
import { parseJsonBody, readBody, type ParsedBody } from './request-body'
import { apiPath, findRoute, type RouteMatch } from './route'
import { routes } from './routes'
import type { Store } from './store'
import type { Fault, RecordedRequest, SimulatorVariants } from './types'

export type DispatchDeps = {
  store: Store
  faults: FaultBook
  variants: () => SimulatorVariants
  credentials: Credentials
  /** Aborted when the simulator closes: pending delays end without an answer. */
  closing: AbortSignal
}

type Incoming = {
  method: string
  /** The path under /api/v2, or the whole path when it lies outside. */
  path: string
  query: URLSearchParams
  match: RouteMatch
}

/**
 * One request: record it, apply a fault if one matches, answer it. Faults come first because
 * they play the network and proxies in front of LeadCars, before any token is looked at.
 */
export async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  deps: DispatchDeps,
): Promise<void> {
  const incoming = describe(req)
  const record = recordArrival(deps.store, incoming)
  const raw = await readBody(req)
  const fault = deps.faults.take(incoming.method, incoming.path)

  if (fault && (await interceptedBefore(fault, res, record, deps))) return

  const reply = raw === null ? tooLarge(deps) : respond(req, incoming, raw, deps)

  if (fault?.type === 'drop-after-store') return void res.socket?.destroy()
  send(res, record, fault?.type === 'malformed-json' ? truncatedReply(reply) : reply)
}

/** The answer for a request that could not be handled at all. */
export function internalErrorReply(deps: DispatchDeps): Reply {
  return errorReply(deps.variants().errorShape, 500, 'Error interno del simulador')
}

function describe(req: IncomingMessage): Incoming {
  const method = (req.method ?? 'GET').toUpperCase()
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const underApi = apiPath(url.pathname)
  const match: RouteMatch =
    underApi === null ? { kind: 'none' } : findRoute(routes, method, underApi)
  return { method, path: underApi ?? url.pathname, query: url.searchParams, match }
}

/** Recorded with the route's template ('/leadinfos/:lead'), never with ids, bodies or queries. */
function recordArrival(store: Store, incoming: Incoming): RecordedRequest {
  const path = templateOf(incoming)
  const record: RecordedRequest = { method: incoming.method, path, status: null, at: Date.now() }
  store.requests.push(record)
  return record
}

function templateOf({ match, path }: Incoming): string {
  if (match.kind === 'route') return match.route.path
  if (match.kind === 'method') return match.path
  return path
}

/** Applies the faults that act before handling; true when the request ends there. */
async function interceptedBefore(
  fault: Fault,
  res: ServerResponse,
  record: RecordedRequest,
  deps: DispatchDeps,
): Promise<boolean> {
  switch (fault.type) {
    case 'reset':
      res.socket?.resetAndDestroy()
      return true
    case 'status':
      send(res, record, statusFaultReply(fault, deps.variants()))
      return true
    case 'html':
      send(res, record, captivePortalReply())
      return true
    case 'delay':
      return !(await waited(fault.ms, deps.closing))
    default:
      return false
  }
}

function respond(req: IncomingMessage, incoming: Incoming, raw: Buffer, deps: DispatchDeps): Reply {
  const variants = deps.variants()
  const { match } = incoming
  if (match.kind === 'none') return unknownPath(variants, incoming)
  if (match.kind === 'method') return methodNotAllowed(variants, incoming.method, match.allowed)

  const refusal = authFailure(match.route, req.headers, deps.credentials, variants)
  if (refusal) return refusal

  const parsed = match.route.method === 'GET' ? noBody : parseJsonBody(req.headers, raw)
  if (!parsed.ok) return errorReply(variants.errorShape, 400, parsed.message)

  const { params } = match
  const { store } = deps
  const context = {
    params,
    query: incoming.query,
    body: parsed.body,
    store,
    variants,
    now: new Date(),
  }
  return match.route.handle(context)
}

const noBody: ParsedBody = { ok: true, body: {} }

function unknownPath(variants: SimulatorVariants, incoming: Incoming): Reply {
  const message = `Ruta no encontrada: ${incoming.method} ${incoming.path}`
  return errorReply(variants.errorShape, 404, message)
}

function methodNotAllowed(variants: SimulatorVariants, method: string, allowed: string[]): Reply {
  const reply = errorReply(variants.errorShape, 405, `Método ${method} no permitido en esta ruta`)
  return { ...reply, headers: { allow: allowed.join(', ') } }
}

function tooLarge(deps: DispatchDeps): Reply {
  return errorReply(deps.variants().errorShape, 413, 'El cuerpo de la petición es demasiado grande')
}

function send(res: ServerResponse, record: RecordedRequest, reply: Reply): void {
  if (writeReply(res, reply)) record.status = reply.status
}

/** True when the delay ran out, false when the simulator closed meanwhile. */
async function waited(ms: number, closing: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal: closing })
    return true
  } catch {
    return false
  }
}
