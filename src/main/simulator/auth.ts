import type { IncomingHttpHeaders } from 'node:http'
import { errorReply } from './errors'
import type { Reply } from './reply'
import type { Route } from './route'
import type { SimulatorVariants } from './types'

export type Credentials = { token: string; automagic: { user: string; token: string } }

/**
 * The refusal for a request whose credentials do not fit its route, or null when they do.
 * Automagic routes look only at api-user and api-token: a cliente-token may come or not.
 */
export function authFailure(
  route: Route,
  headers: IncomingHttpHeaders,
  credentials: Credentials,
  variants: SimulatorVariants,
): Reply | null {
  const accepted =
    route.auth === 'client'
      ? header(headers, 'cliente-token') === credentials.token
      : header(headers, 'api-user') === credentials.automagic.user &&
        header(headers, 'api-token') === credentials.automagic.token
  if (accepted) return null
  const message =
    route.auth === 'client'
      ? 'Token de cliente no válido o ausente (cabecera cliente-token)'
      : 'Credenciales de Automagic no válidas o ausentes (cabeceras api-user y api-token)'
  return errorReply(variants.errorShape, variants.authStatus, message)
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}
