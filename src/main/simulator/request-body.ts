import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { isPlainObject } from './dynamic-fields'

/** Larger bodies are refused with 413: no kiosk lead comes near it. */
export const bodyLimitBytes = 1024 * 1024

/** The whole request body, or null when it goes over the limit (the rest is discarded). */
export async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += buffer.length
    if (size <= bodyLimitBytes) chunks.push(buffer)
  }
  return size > bodyLimitBytes ? null : Buffer.concat(chunks)
}

export type ParsedBody =
  { ok: true; body: Record<string, unknown> } | { ok: false; message: string }

/** A POST or PUT body must be a JSON object sent as application/json. */
export function parseJsonBody(headers: IncomingHttpHeaders, raw: Buffer): ParsedBody {
  if (!isJsonMediaType(headers['content-type'])) {
    return { ok: false, message: 'El cuerpo debe ser JSON (Content-Type: application/json)' }
  }
  const value = parseJson(raw.toString('utf8'))
  if (!isPlainObject(value)) {
    return { ok: false, message: 'El cuerpo de la petición no es un objeto JSON válido' }
  }
  return { ok: true, body: value }
}

function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
  return mediaType === 'application/json' || /^application\/[\w.-]+\+json$/.test(mediaType)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
