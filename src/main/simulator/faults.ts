import { STATUS_CODES } from 'node:http'
import { errorReply } from './errors'
import { rawReply, type Reply } from './reply'
import { apiPath, matchPattern } from './route'
import type { Fault, FaultRule, SimulatorVariants } from './types'

/** The fault rules in force. The first matching rule with uses left applies and uses one up. */
export type FaultBook = {
  add(rule: FaultRule): void
  clear(): void
  take(method: string, path: string): Fault | null
}

type ActiveRule = {
  method: string | null
  path: string | null
  remaining: number
  chance: number
  fault: Fault
}

export function createFaultBook(random: () => number = Math.random): FaultBook {
  const rules: ActiveRule[] = []
  return {
    add(rule) {
      rules.push(activeRule(rule))
    },
    clear() {
      rules.length = 0
    },
    take(method, path) {
      const rule = rules.find(
        (candidate) =>
          candidate.remaining > 0 &&
          matches(candidate, method, path) &&
          (candidate.chance >= 1 || random() < candidate.chance),
      )
      if (!rule) return null
      rule.remaining -= 1
      return rule.fault
    },
  }
}

/** The answer to a `status` fault: its body as given, else a readable error in the set shape. */
export function statusFaultReply(
  fault: Extract<Fault, { type: 'status' }>,
  variants: SimulatorVariants,
): Reply {
  const reply =
    fault.body === undefined
      ? errorReply(variants.errorShape, fault.status, simulatedErrorMessage(fault.status))
      : rawReply(fault.status, fault.body)
  if (fault.retryAfter === undefined) return reply
  return { ...reply, headers: { ...reply.headers, 'retry-after': fault.retryAfter } }
}

/** What a client behind a hotel or shop Wi-Fi login gets instead of the API. */
export function captivePortalReply(): Reply {
  const page = [
    '<!DOCTYPE html>',
    '<html lang="es"><head><meta charset="utf-8"><title>Acceso Wi-Fi</title></head>',
    '<body><h1>Bienvenido a la red Wi-Fi</h1><p>Acepte las condiciones para navegar.</p>',
    '<form method="post" action="/login"><button type="submit">Conectar</button></form>',
    '</body></html>',
  ].join('\n')
  return { status: 200, contentType: 'text/html; charset=utf-8', text: page }
}

/** A JSON answer cut short: any proper prefix of an object or array is invalid JSON. */
export function truncatedReply(reply: Reply): Reply {
  const text =
    reply.text === '' ? '{"' : reply.text.slice(0, Math.max(1, Math.floor(reply.text.length / 2)))
  return { ...reply, contentType: 'application/json; charset=utf-8', text }
}

function activeRule(rule: FaultRule): ActiveRule {
  const times = rule.times ?? Number.POSITIVE_INFINITY
  if (!(times >= 0)) throw new RangeError(`Fault rule times must be 0 or more, got ${times}`)
  checkFault(rule.fault)
  const chance = rule.chance ?? 1
  if (!(chance >= 0 && chance <= 1)) {
    throw new RangeError(`Fault rule chance must be between 0 and 1, got ${chance}`)
  }
  return {
    method: rule.method?.toUpperCase() ?? null,
    path: rule.path === undefined ? null : (apiPath(rule.path) ?? rule.path),
    remaining: times,
    chance,
    fault: structuredClone(rule.fault),
  }
}

function matches(rule: ActiveRule, method: string, path: string): boolean {
  if (rule.method !== null && rule.method !== method.toUpperCase()) return false
  return rule.path === null || matchPattern(rule.path, path) !== null
}

/** A rule that could never be played is refused when added, not when a request meets it. */
function checkFault(fault: Fault): void {
  if (fault.type === 'delay' && !(fault.ms >= 0)) {
    throw new RangeError(`Delay fault ms must be 0 or more, got ${fault.ms}`)
  }
  if (
    fault.type === 'status' &&
    !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)
  ) {
    throw new RangeError(
      `Status fault status must be an HTTP status (100-599), got ${fault.status}`,
    )
  }
}

function simulatedErrorMessage(status: number): string {
  return `Error simulado: ${status} ${STATUS_CODES[status] ?? ''}`.trim()
}
