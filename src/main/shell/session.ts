import type { Session } from 'electron'
import type { Logger } from '../log'
import type { RendererLocation } from './renderer'

/** The renderer's policy, sent as a header where the protocol allows; index.html carries it too. */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "object-src 'none'",
].join('; ')

/**
 * Locks the session down: the renderer may load only its own files, every permission request
 * is refused, and the CSP header is added to the app's page. Main's own HTTP calls to
 * LeadCars do not go through the session and are unaffected.
 */
export function hardenSession(session: Session, renderer: RendererLocation, log: Logger): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)

  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = renderer.isAppResource(details.url)
    if (!allowed) log.warn('renderer request blocked', { scheme: schemeOf(details.url) })
    callback({ cancel: !allowed })
  })

  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' || !renderer.isAppPage(details.url)) {
      callback({})
      return
    }
    const responseHeaders = { ...details.responseHeaders }
    responseHeaders['Content-Security-Policy'] = [contentSecurityPolicy]
    callback({ responseHeaders })
  })
}

function schemeOf(url: string): string {
  return url.split(':', 1)[0] ?? 'unknown'
}
