import { errorReply } from './errors'
import type { Reply } from './reply'
import type { Store } from './store'
import type { SimulatorVariants } from './types'

/** Everything a route sees of one request: already authenticated, body parsed to an object. */
export type RouteContext = {
  params: Record<string, string>
  query: URLSearchParams
  /** The JSON body for POST and PUT; empty for GET. */
  body: Record<string, unknown>
  store: Store
  variants: SimulatorVariants
  now: Date
}

export type Route = {
  method: 'GET' | 'POST' | 'PUT'
  /** Under /api/v2; `:name` segments become `params.name`. */
  path: string
  /** `client`: cliente-token. `automagic`: api-user and api-token. */
  auth: 'client' | 'automagic'
  handle(context: RouteContext): Reply
}

export type RouteMatch =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'method'; path: string; allowed: string[] }
  | { kind: 'none' }

/** The route for a method and a path under /api/v2, or why there is none. */
export function findRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const onPath = routes.filter((route) => matchPattern(route.path, path) !== null)
  const route = onPath.find((candidate) => candidate.method === method)
  if (route) return { kind: 'route', route, params: matchPattern(route.path, path) ?? {} }
  if (onPath[0])
    return { kind: 'method', path: onPath[0].path, allowed: onPath.map((r) => r.method) }
  return { kind: 'none' }
}

/** Matches '/leads/:lead/submit' against '/leads/5/submit'; `:x` takes exactly one segment. */
export function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const wanted = segments(pattern)
  const actual = segments(path)
  if (wanted.length !== actual.length) return null
  const params: Record<string, string> = {}
  for (const [index, part] of wanted.entries()) {
    const value = actual[index] ?? ''
    if (part.startsWith(':')) params[part.slice(1)] = decodeSegment(value)
    else if (part !== value) return null
  }
  return params
}

/** The part of a request path under /api/v2, without a trailing slash; null when outside it. */
export function apiPath(pathname: string): string | null {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  if (trimmed === '/api/v2') return '/'
  return trimmed.startsWith('/api/v2/') ? trimmed.slice('/api/v2'.length) : null
}

export function notFound(context: RouteContext, message: string): Reply {
  return errorReply(context.variants.errorShape, 404, message)
}

export function invalid(context: RouteContext, issues: string[]): Reply {
  return errorReply(context.variants.errorShape, context.variants.validationStatus, issues)
}

function segments(path: string): string[] {
  return path.split('/').filter((part) => part !== '')
}

function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
