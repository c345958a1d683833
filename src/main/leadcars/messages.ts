import { z } from 'zod'
import { bounded, redact } from './redact'

/** The longest server message shown to staff. */
const messageLength = 300

const text = z.string().trim().min(1)
const messageObject = z.union([
  z.object({ message: text }).transform((o) => o.message),
  z.object({ msg: text }).transform((o) => o.msg),
  z.object({ mensaje: text }).transform((o) => o.mensaje),
])
const errorList = z.array(z.union([text, messageObject])).min(1)
const fieldErrors = z.record(z.string(), z.union([text, z.array(text).min(1)]))

/** The error body shapes seen from LeadCars and similar PHP APIs, best first. */
const errorBody = z.union([
  z.object({ error: z.union([text, messageObject]) }).transform((o) => o.error),
  z.object({ errors: errorList }).transform((o) => o.errors.join('; ')),
  z.object({ errors: fieldErrors }).transform((o) => fieldMessages(o.errors)),
  z.object({ error: errorList }).transform((o) => o.error.join('; ')),
  messageObject,
  text,
])

function fieldMessages(errors: Record<string, string | string[]>): string {
  return Object.entries(errors)
    .map(([field, messages]) => `${field}: ${[messages].flat().join(', ')}`)
    .join('; ')
}

/**
 * The best readable message in an error body (JSON in any of the known shapes, plain text or
 * HTML), redacted and short; empty when the body says nothing.
 */
export function readableMessage(body: string, personal: readonly string[]): string {
  const message = fromJson(body) ?? fromText(bounded(body))
  const flat = redact(message, personal).replace(/\s+/g, ' ').trim()
  return flat.length > messageLength ? `${flat.slice(0, messageLength - 1)}…` : flat
}

function fromText(body: string): string {
  return looksLikeHtml(body) ? htmlText(body) : body
}

function fromJson(body: string): string | undefined {
  const json = parseJson(body)
  if (json === undefined) return undefined
  const parsed = errorBody.safeParse(json)
  return parsed.success ? parsed.data : ''
}

/** JSON.parse that answers undefined instead of throwing. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown
  } catch {
    return undefined
  }
}

/**
 * Whether a body is a web page. The body decides: PHP servers often label JSON `text/html`, so
 * a body that parses as JSON is never HTML; the header only settles bodies that are neither.
 */
export function looksLikeHtml(body: string, contentType?: string | null): boolean {
  if (parseJson(body) !== undefined) return false
  return /^\s*</.test(body) || /text\/html/i.test(contentType ?? '')
}

function htmlText(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]
  const body = html
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^<>]*>/g, ' ')
  return decodeEntities(body.trim() || title || '')
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeEntities(value: string): string {
  return value
    .replace(/&#(\d{1,6});/g, (whole, code: string) =>
      Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : whole,
    )
    .replace(/&(\w+);/g, (whole, name: string) => entities[name] ?? whole)
}
