import { STATUS_CODES } from 'node:http'
import { jsonReply, type Reply } from './reply'
import type { SimulatorVariants } from './types'

type ErrorShape = SimulatorVariants['errorShape']

/**
 * An error answer written in the configured shape. Several messages (validation) are listed
 * one by one under `errors` and joined into one readable sentence in every other shape.
 */
export function errorReply(shape: ErrorShape, status: number, messages: string | string[]): Reply {
  const list = typeof messages === 'string' ? [messages] : messages
  const message = list.join('; ')
  switch (shape) {
    case 'error.message':
      return jsonReply(status, { error: { code: status, message } })
    case 'error':
      return jsonReply(status, { error: message })
    case 'message':
      return jsonReply(status, { message })
    case 'msg':
      return jsonReply(status, { msg: message })
    case 'errors':
      return jsonReply(status, { errors: list })
    case 'text':
      return { status, contentType: 'text/plain; charset=utf-8', text: message }
    case 'html':
      return { status, contentType: 'text/html; charset=utf-8', text: htmlPage(status, message) }
  }
}

function htmlPage(status: number, message: string): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`
  return [
    '<!DOCTYPE html>',
    `<html lang="es"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`,
  ].join('\n')
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}
