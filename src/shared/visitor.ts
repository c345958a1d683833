import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max'
import type { Visitor } from './entry'

/**
 * Validation of what a visitor types on the kiosk, shared by the screens and anything else that
 * builds a Visitor. It returns error codes, never texts: each screen translates them into the
 * visitor's language. Values are trimmed; optional fields left empty are omitted.
 */

export const visitorFields = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'postcode',
  'interest',
  'comment',
] as const
export type VisitorField = (typeof visitorFields)[number]

export type VisitorErrorCode =
  'required' | 'too_long' | 'invalid_name' | 'invalid_email' | 'invalid_phone' | 'invalid_postcode'

/** Raw form values as typed. `country` (ISO 3166 alpha-2) applies to phone and postcode. */
export type VisitorInput = Partial<Record<VisitorField, string>> & { country?: string }

export type VisitorErrors = Partial<Record<VisitorField, VisitorErrorCode>>

export type VisitorValidation =
  { ok: true; visitor: Visitor } | { ok: false; errors: VisitorErrors }

export const maxLengths: Record<VisitorField, number> = {
  firstName: 60,
  lastName: 80,
  email: 254,
  phone: 30,
  postcode: 12,
  interest: 200,
  comment: 1000,
}

const namePattern = /^\p{L}[\p{L}\p{M}'’. -]*$/u
const emailPattern = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/
const phoneCharacters = /^[+\d\s().-]+$/
const spanishPostcode = /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/
const otherPostcode = /^[A-Z0-9](?:[A-Z0-9 -]*[A-Z0-9])?$/i

/** Normalises a phone number to E.164, or null when it is not a valid number. */
export function normalisePhone(raw: string, country: string): string | null {
  const typed = raw.trim()
  if (!typed || !phoneCharacters.test(typed)) return null
  const region = isSupportedCountry(country) ? country : undefined
  const parsed = parsePhoneNumberFromString(typed, region)
  if (!parsed || !parsed.isValid()) return null
  return parsed.number
}

export function isValidEmail(email: string): boolean {
  return emailPattern.test(email)
}

export function isValidPostcode(postcode: string, country: string): boolean {
  if (country.toUpperCase() === 'ES') return spanishPostcode.test(postcode)
  const alphanumerics = postcode.replace(/[ -]/g, '').length
  return otherPostcode.test(postcode) && alphanumerics >= 3 && alphanumerics <= 10
}

type Values = Record<VisitorField, string>

/** Trims every value; single-line fields also get their inner whitespace collapsed. */
function tidy(input: VisitorInput): Values {
  const values = {} as Values
  for (const field of visitorFields) {
    const raw = (input[field] ?? '').trim()
    values[field] = field === 'comment' ? raw : raw.replace(/\s+/g, ' ')
  }
  return values
}

function checkName(value: string): VisitorErrorCode | null {
  if (!value) return 'required'
  return namePattern.test(value) ? null : 'invalid_name'
}

function checkEmail(value: string): VisitorErrorCode | null {
  if (!value) return 'required'
  return isValidEmail(value) ? null : 'invalid_email'
}

function checkPostcode(value: string, country: string): VisitorErrorCode | null {
  if (!value) return null
  return isValidPostcode(value, country) ? null : 'invalid_postcode'
}

function findErrors(values: Values, phone: string | null, country: string): VisitorErrors {
  const found: Record<VisitorField, VisitorErrorCode | null> = {
    firstName: checkName(values.firstName),
    lastName: checkName(values.lastName),
    email: checkEmail(values.email),
    phone: values.phone && !phone ? 'invalid_phone' : null,
    postcode: checkPostcode(values.postcode, country),
    interest: null,
    comment: null,
  }
  const errors: VisitorErrors = {}
  for (const field of visitorFields) {
    const code = values[field].length > maxLengths[field] ? 'too_long' : found[field]
    if (code) errors[field] = code
  }
  return errors
}

function lowerCaseDomain(email: string): string {
  const at = email.lastIndexOf('@')
  return email.slice(0, at + 1) + email.slice(at + 1).toLowerCase()
}

function buildVisitor(values: Values, phone: string | null): Visitor {
  const visitor: Visitor = {
    firstName: values.firstName,
    lastName: values.lastName,
    email: lowerCaseDomain(values.email),
  }
  if (phone) visitor.phone = phone
  if (values.postcode) visitor.postcode = values.postcode
  if (values.interest) visitor.interest = values.interest
  if (values.comment) visitor.comment = values.comment
  return visitor
}

/** Validates everything a visitor typed; on success returns the Visitor to store. */
export function validateVisitor(input: VisitorInput, defaultCountry: string): VisitorValidation {
  const country = (input.country || defaultCountry).toUpperCase()
  const values = tidy(input)
  values.postcode = values.postcode.toUpperCase()
  const phone = values.phone ? normalisePhone(values.phone, country) : null

  const errors = findErrors(values, phone, country)
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, visitor: buildVisitor(values, phone) }
}
