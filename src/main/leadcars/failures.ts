import type { KioskError } from '../../shared/errors'
import { looksLikeHtml, readableMessage } from './messages'
import { excerpt } from './redact'

/** A response as the transport read it. */
export type HttpAnswer = { status: number; headers: Headers; body: string }

/** Failures that happen before the request is written: LeadCars cannot have received it. */
const beforeSendCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
])
const beforeSendSyscalls = new Set(['connect', 'getaddrinfo', 'getaddrinfo_all'])
const tlsCode = /CERT|^ERR_TLS_|^ERR_SSL_|^UND_ERR_PRX_TLS$/

type ErrorLink = { name: string | undefined; code: string | undefined; syscall: string | undefined }

/**
 * Classifies a fetch rejection. Connection refused, DNS and TLS failures happen before the
 * request leaves: `transient`. Anything else (reset, socket closed, timeout after connecting,
 * an unknown failure) may come after LeadCars stored the request: `ambiguous`.
 */
export function networkFailure(error: unknown): KioskError {
  const links = errorChain(error)
  const before = links.find(isBeforeSend)
  if (before)
    return { kind: 'transient', message: `LeadCars could not be reached (${label(before)})` }
  const last = links.find((link) => link.code !== undefined) ?? links[0]
  const cause = last ? label(last) : 'unknown'
  return {
    kind: 'ambiguous',
    message: `The connection to LeadCars broke before an answer (${cause})`,
  }
}

function isBeforeSend(link: ErrorLink): boolean {
  if (link.code === undefined) return false
  return (
    beforeSendCodes.has(link.code) ||
    tlsCode.test(link.code) ||
    beforeSendSyscalls.has(link.syscall ?? '')
  )
}

function label(link: ErrorLink): string {
  return link.code ?? link.name ?? 'error'
}

/** The error, its causes, and the errors of an AggregateError (one per address tried). */
function errorChain(error: unknown, depth = 0): ErrorLink[] {
  if (typeof error !== 'object' || error === null || depth > 8) return []
  const { name, code, syscall, cause, errors } = error as Record<string, unknown>
  const link = { name: str(name), code: str(code), syscall: str(syscall) }
  const inner = Array.isArray(errors) ? errors : []
  return [link, ...errorChain(cause, depth + 1), ...inner.flatMap((e) => errorChain(e, depth + 1))]
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/**
 * Classifies an answer by its status. Null means a 2xx that really came from LeadCars; a 2xx
 * HTML page is a captive portal or proxy speaking in LeadCars' place, and a redirect is too
 * (the token is never sent on to another host).
 */
export function answerFailure(answer: HttpAnswer, personal: readonly string[]): KioskError | null {
  const { status, headers, body } = answer
  const contentType = headers.get('content-type')
  if (status >= 200 && status < 300) {
    if (!looksLikeHtml(body, contentType)) return null
    return portal('A web page answered in place of LeadCars (captive portal?)', body, personal)
  }
  if (status < 400) return portal(`LeadCars redirected (${status})`, body, personal)
  const message = readableMessage(body, personal)
  const details = { status, excerpt: excerpt(body, personal) }
  if (status === 401 || status === 403) {
    return {
      ...details,
      kind: 'auth',
      message: withReason('LeadCars refused the token', status, message),
    }
  }
  if (status === 408 || status === 429 || status >= 500) {
    const wait = retryAfterMs(headers.get('retry-after'))
    const extra = wait === undefined ? {} : { retryAfterMs: wait }
    return {
      ...details,
      ...extra,
      kind: 'transient',
      message: withReason('LeadCars is busy', status, message),
    }
  }
  return {
    ...details,
    kind: 'rejected',
    message: message || `LeadCars refused the request (${status})`,
  }
}

function portal(message: string, body: string, personal: readonly string[]): KioskError {
  return { kind: 'transient', message, excerpt: excerpt(body, personal) }
}

function withReason(prefix: string, status: number, reason: string): string {
  return reason ? `${prefix} (${status}): ${reason}` : `${prefix} (${status})`
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  const value = header?.trim()
  if (!value) return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000)
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}
