/**
 * Keeps personal data out of what the client reports: error messages and response excerpts
 * travel to staff screens, logs and support exports, so anything a person typed is masked.
 */

const personalKeys = [
  'nombre',
  'apellidos',
  'email',
  'telefono',
  'movil',
  'cp',
  'provincia',
  'comentario',
  'name',
  'last_name',
  'first_lastname',
  'second_lastname',
  'phone',
  'phone_other',
  'cellphone',
  'postal_code',
  'address',
  'birthday',
  'city',
  'location',
  'text',
]
const nameKeys = new Set(['nombre', 'apellidos', 'name', 'first_lastname', 'second_lastname'])

const personalJsonValue = new RegExp(
  `"(${personalKeys.join('|')})"\\s*:\\s*"(?:[^"\\\\]|\\\\.)*"?`,
  'gi',
)
// The look-behind starts a match only where a run of address characters begins, so a long run
// with no `@` is scanned once rather than once per position.
const emailLike = /(?<![^\s@"'<>(),;:[\]{}])[^\s@"'<>(),;:[\]{}]+@[^\s@"'<>(),;:[\]{}]+/g
const phoneLike = /\+?\d(?:[\s().-]?\d){6,}/g

export const excerptLength = 200

/** The most of a body any pattern reads: what staff see is far shorter, and time stays bounded. */
export const scanLength = 4096
const wordBreak = /[\s,;"'<>(){}[\]]/

/**
 * The strings of a request body that belong to a person (values under personal keys, and each
 * word of a name), in the forms a server may echo them: as sent and PHP-escaped.
 */
export function personalStrings(body: unknown): string[] {
  const found = new Set<string>()
  collect(body, found)
  return [...found]
    .filter((value) => value.length >= 2)
    .flatMap((value) => [value, phpEscaped(value)])
    .sort((a, b) => b.length - a.length)
}

function collect(value: unknown, found: Set<string>, key = ''): void {
  if (Array.isArray(value)) return value.forEach((item) => collect(item, found, key))
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).forEach(([k, v]) => collect(v, found, k.toLowerCase()))
  }
  if (typeof value !== 'string' || !personalKeys.includes(key)) return
  found.add(value.trim())
  if (nameKeys.has(key)) value.split(/\s+/).forEach((word) => word.length >= 3 && found.add(word))
}

function phpEscaped(value: string): string {
  return value.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/**
 * The first `scanLength` characters of a text. When it is cut, the word cut in two is dropped
 * too, so that half an email, phone or token cannot slip past the patterns that mask it.
 */
export function bounded(text: string): string {
  if (text.length <= scanLength) return text
  const head = text.slice(0, scanLength)
  let end = head.length
  while (end > 0 && !wordBreak.test(head.charAt(end - 1))) end -= 1
  return head.slice(0, end)
}

/** Masks personal values, emails and phone-like runs in the first `scanLength` characters. */
export function redact(text: string, personal: readonly string[] = []): string {
  let out = bounded(text).replace(personalJsonValue, '"$1":"[redacted]"')
  for (const value of personal)
    out = out.replace(new RegExp(escapeRegExp(value), 'gi'), '[redacted]')
  return out.replace(emailLike, '[email]').replace(phoneLike, '[number]')
}

/** A short, redacted, single-line piece of a raw body for support. */
export function excerpt(text: string, personal: readonly string[] = []): string {
  const flat = redact(text, personal).replace(/\s+/g, ' ').trim()
  return flat.length > excerptLength ? `${flat.slice(0, excerptLength - 1)}…` : flat
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
