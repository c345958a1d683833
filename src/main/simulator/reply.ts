import type { ServerResponse } from 'node:http'

/** What a route answers; the server writes it, or a fault changes it first. */
export type Reply = {
  status: number
  /** Absent for an empty body. */
  contentType?: string
  text: string
  headers?: Record<string, string>
}

export function jsonReply(status: number, value: unknown): Reply {
  return { status, contentType: 'application/json; charset=utf-8', text: JSON.stringify(value) }
}

export function emptyReply(status: number): Reply {
  return { status, text: '' }
}

/** A body that parses as JSON goes out as JSON, one that looks like markup as HTML, else text. */
export function rawReply(status: number, text: string): Reply {
  return { status, contentType: guessContentType(text), text }
}

/** Writes the reply; false when the connection was already gone (nothing was sent). */
export function writeReply(res: ServerResponse, reply: Reply): boolean {
  if (res.destroyed || res.writableEnded || !res.socket || res.socket.destroyed) return false
  const body = Buffer.from(reply.text, 'utf8')
  const headers: Record<string, string | number> = {
    ...reply.headers,
    'content-length': body.length,
  }
  if (reply.contentType) headers['content-type'] = reply.contentType
  res.writeHead(reply.status, headers)
  res.end(body)
  return true
}

function guessContentType(text: string): string {
  if (text.trimStart().startsWith('<')) return 'text/html; charset=utf-8'
  try {
    JSON.parse(text)
    return 'application/json; charset=utf-8'
  } catch {
    return 'text/plain; charset=utf-8'
  }
}
