/**
 * Checks of single request fields. Each answers null when the field is fine, or a readable
 * message (in Spanish, as LeadCars writes them) that names the field.
 */

type Body = Record<string, unknown>

const e164 = /^\+[1-9]\d{6,14}$/
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The manual's example sends `null` for an empty field; an empty string counts as absent too. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === ''
}

/** Ids arrive as numbers (tables) or numeric strings (the manual's cURL example). */
export function parseId(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : null
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value.trim())) return null
  const id = Number(value.trim())
  return id > 0 ? id : null
}

export function textIssue(body: Body, field: string, required: boolean): string | null {
  const value = body[field]
  if (isAbsent(value)) return required ? requiredMessage(field) : null
  if (typeof value !== 'string') return `El campo ${field} debe ser texto`
  if (required && value.trim() === '') return requiredMessage(field)
  return null
}

/** Text that the manual also types as a number in places (cp). */
export function textOrNumberIssue(body: Body, field: string): string | null {
  const value = body[field]
  if (isAbsent(value) || typeof value === 'string' || typeof value === 'number') return null
  return `El campo ${field} debe ser texto`
}

export function emailIssue(body: Body, field: string, required: boolean): string | null {
  const value = body[field]
  if (isAbsent(value)) return required ? requiredMessage(field) : null
  if (typeof value === 'string' && emailShape.test(value.trim())) return null
  return `El campo ${field} debe tener la estructura x@y.z`
}

export function phoneIssue(body: Body, field: string): string | null {
  const value = body[field]
  if (isAbsent(value)) return null
  if (typeof value === 'string' && e164.test(value)) return null
  return `El campo ${field} debe estar en formato E.164 (por ejemplo +34915715135)`
}

export function urlIssue(body: Body, field: string): string | null {
  const value = body[field]
  if (isAbsent(value)) return null
  if (typeof value === 'string' && isFullUrl(value)) return null
  return `El campo ${field} debe ser una URL completa (http:// o https://)`
}

export function idIssue(body: Body, field: string, required: boolean): string | null {
  const value = body[field]
  if (isAbsent(value)) return required ? requiredMessage(field) : null
  return parseId(value) === null ? `El campo ${field} debe ser un identificador numérico` : null
}

export function booleanIssue(body: Body, field: string): string | null {
  if (typeof body[field] === 'boolean') return null
  return `El campo ${field} es obligatorio y debe ser booleano (true o false)`
}

export function requiredMessage(field: string): string {
  return `El campo ${field} es obligatorio`
}

export function textValue(value: unknown): string | null {
  if (isAbsent(value)) return null
  if (typeof value === 'number') return String(value)
  return typeof value === 'string' ? value : null
}

function isFullUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}
