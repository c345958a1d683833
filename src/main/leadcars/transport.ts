import type { z } from 'zod'
import { fail, ok, type Result } from '../../shared/errors'
import { answerFailure, networkFailure, type HttpAnswer } from './failures'
import { parseJson } from './messages'
import { excerpt, personalStrings } from './redact'
import type { LeadCarsClientOptions } from './types'

export const defaultTimeoutMs = 15_000

export type Call = {
  method: 'GET' | 'POST' | 'PUT'
  path: string
  query?: Record<string, string | number | boolean | undefined>
  body?: unknown
  /** `automagic` calls carry api-user and api-token besides cliente-token. */
  auth?: 'client' | 'automagic'
}

/** One HTTP exchange with LeadCars, from headers to a classified Result. */
export type Transport = {
  /** The answer whatever its status; only failures before an answer are errors. */
  exchange(call: Call): Promise<Result<HttpAnswer>>
  /** An answer kept when it is a real 2xx from LeadCars; every other outcome classified. */
  accept(call: Call, answer: Result<HttpAnswer>): Result<HttpAnswer>
  /** A 2xx body read with a schema; an unreadable body is `malformed`. */
  parse<T>(call: Call, answer: HttpAnswer, schema: z.ZodType<T>, what: string): Result<T>
  /** exchange, then accept. */
  send(call: Call): Promise<Result<HttpAnswer>>
  /** send, then parse. */
  read<T>(call: Call, schema: z.ZodType<T>, what: string): Promise<Result<T>>
}

export function createTransport(options: LeadCarsClientOptions): Transport {
  const fetchImpl = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const validBase = /^https?:\/\//i.test(baseUrl) && URL.canParse(baseUrl)

  async function exchange(call: Call): Promise<Result<HttpAnswer>> {
    if (!validBase) return fail('config', 'The LeadCars address is not a valid http(s) URL')
    const headers = headersFor(call)
    if (!headers.ok) return headers
    const signal = AbortSignal.timeout(timeoutMs)
    try {
      const init: RequestInit = { method: call.method, headers: headers.value, signal }
      if (call.body !== undefined) init.body = JSON.stringify(call.body)
      const response = await fetchImpl(urlFor(baseUrl, call), { ...init, redirect: 'manual' })
      const body = await response.text()
      return ok({ status: response.status, headers: response.headers, body })
    } catch (error) {
      return { ok: false, error: networkFailure(error) }
    }
  }

  function headersFor(call: Call): Result<Record<string, string>> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (call.body !== undefined) headers['content-type'] = 'application/json'
    const token = options.token()
    if (token) headers['cliente-token'] = token
    if (call.auth === 'automagic') {
      const credentials = options.automagic?.()
      if (!credentials) return fail('config', 'Automagic credentials are not set')
      return ok({ ...headers, 'api-user': credentials.user, 'api-token': credentials.token })
    }
    return token ? ok(headers) : fail('config', 'No LeadCars token is set')
  }

  /** What no message or excerpt may show: the call's personal values and the current secrets. */
  function hidden(call: Call): string[] {
    const secrets = [options.token(), options.automagic?.()?.token]
    const present = secrets.filter((secret): secret is string => Boolean(secret?.trim()))
    return [...present.map((secret) => secret.trim()), ...personalStrings(call.body)].sort(
      (a, b) => b.length - a.length,
    )
  }

  function accept(call: Call, answer: Result<HttpAnswer>): Result<HttpAnswer> {
    if (!answer.ok) return answer
    const failure = answerFailure(answer.value, hidden(call))
    return failure ? { ok: false, error: failure } : answer
  }

  function parse<T>(call: Call, answer: HttpAnswer, schema: z.ZodType<T>, what: string): Result<T> {
    const parsed = schema.safeParse(parseJson(answer.body))
    if (parsed.success) return ok(parsed.data)
    const snippet = excerpt(answer.body, hidden(call))
    const details = { status: answer.status, excerpt: snippet }
    return fail('malformed', `LeadCars sent an unreadable ${what}`, details)
  }

  const send = async (call: Call) => accept(call, await exchange(call))

  async function read<T>(call: Call, schema: z.ZodType<T>, what: string): Promise<Result<T>> {
    const answer = await send(call)
    return answer.ok ? parse(call, answer.value, schema, what) : answer
  }

  return { exchange, accept, parse, send, read }
}

function urlFor(baseUrl: string, call: Call): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) query.set(key, String(value))
  }
  const search = query.size > 0 ? `?${query.toString()}` : ''
  return `${baseUrl}${call.path}${search}`
}
