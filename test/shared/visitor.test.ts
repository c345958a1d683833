import { describe, expect, it } from 'vitest'
import {
  isValidEmail,
  isValidPostcode,
  normalisePhone,
  validateVisitor,
  type VisitorInput,
} from '../../src/shared/visitor'

const valid: VisitorInput = {
  firstName: 'José Ángel',
  lastName: 'Núñez-Güell',
  email: 'jose@example.es',
}

describe('normalisePhone', () => {
  it('turns a Spanish mobile typed with spaces into E.164', () => {
    expect(normalisePhone('612 34 56 78', 'ES')).toBe('+34612345678')
  })

  it('accepts the +34 and 0034 prefixes and dashes', () => {
    expect(normalisePhone('+34 612 345 678', 'ES')).toBe('+34612345678')
    expect(normalisePhone('0034 612345678', 'ES')).toBe('+34612345678')
    expect(normalisePhone('612-34-56-78', 'ES')).toBe('+34612345678')
  })

  it('reads a national number in the country given', () => {
    expect(normalisePhone('06 12 34 56 78', 'FR')).toBe('+33612345678')
    expect(normalisePhone('020 7946 0958', 'GB')).toBe('+442079460958')
  })

  it('keeps an international number whatever the default country', () => {
    expect(normalisePhone('+44 20 7946 0958', 'ES')).toBe('+442079460958')
    expect(normalisePhone('+351 912 345 678', 'FR')).toBe('+351912345678')
  })

  it('refuses numbers that are too short, too long, or not numbers', () => {
    expect(normalisePhone('612 34 56 7', 'ES')).toBeNull()
    expect(normalisePhone('612 34 56 789 0', 'ES')).toBeNull()
    expect(normalisePhone('123', 'ES')).toBeNull()
    expect(normalisePhone('612 abc 678', 'ES')).toBeNull()
    expect(normalisePhone('', 'ES')).toBeNull()
  })

  it('does not guess a country it does not know', () => {
    expect(normalisePhone('612 34 56 78', 'XX')).toBeNull()
  })
})

describe('isValidEmail', () => {
  it('accepts x@y.z shapes', () => {
    expect(isValidEmail('x@y.z')).toBe(true)
    expect(isValidEmail('maria.lopez+kiosk@correo.example.es')).toBe(true)
  })

  it('refuses addresses without a domain dot, with spaces or empty parts', () => {
    for (const email of ['maria@example', 'maria example@x.es', '@x.es', 'maria@.es', 'a@b..es']) {
      expect(isValidEmail(email), email).toBe(false)
    }
  })
})

describe('isValidPostcode', () => {
  it('wants five digits of a real province in Spain', () => {
    expect(isValidPostcode('28001', 'ES')).toBe(true)
    expect(isValidPostcode('08001', 'ES')).toBe(true)
    expect(isValidPostcode('2800', 'ES')).toBe(false)
    expect(isValidPostcode('280011', 'ES')).toBe(false)
    expect(isValidPostcode('99001', 'ES')).toBe(false)
    expect(isValidPostcode('00001', 'ES')).toBe(false)
  })

  it('accepts 3 to 10 alphanumerics elsewhere', () => {
    expect(isValidPostcode('SW1A 1AA', 'GB')).toBe(true)
    expect(isValidPostcode('1000-001', 'PT')).toBe(true)
    expect(isValidPostcode('12', 'FR')).toBe(false)
    expect(isValidPostcode('ABCDEFGHIJK', 'NL')).toBe(false)
    expect(isValidPostcode('12#45', 'DE')).toBe(false)
  })
})

describe('validateVisitor', () => {
  it('keeps accented and hyphenated names, trimmed', () => {
    const result = validateVisitor({ ...valid, firstName: '  José   Ángel ' }, 'ES')
    expect(result).toEqual({
      ok: true,
      visitor: { firstName: 'José Ángel', lastName: 'Núñez-Güell', email: 'jose@example.es' },
    })
  })

  it('requires name, surname and email', () => {
    const result = validateVisitor({ firstName: ' ', phone: '612345678' }, 'ES')
    expect(result).toEqual({
      ok: false,
      errors: { firstName: 'required', lastName: 'required', email: 'required' },
    })
  })

  it('normalises the phone with the chosen country, falling back to the default', () => {
    const spanish = validateVisitor({ ...valid, phone: '612 34 56 78' }, 'ES')
    const french = validateVisitor({ ...valid, phone: '06 12 34 56 78', country: 'FR' }, 'ES')
    expect(spanish.ok && spanish.visitor.phone).toBe('+34612345678')
    expect(french.ok && french.visitor.phone).toBe('+33612345678')
  })

  it('reports each bad field with its own code', () => {
    const result = validateVisitor(
      { firstName: 'R2D2', lastName: 'Pérez', email: 'perez@', phone: '12', postcode: '123' },
      'ES',
    )
    expect(result).toEqual({
      ok: false,
      errors: {
        firstName: 'invalid_name',
        email: 'invalid_email',
        phone: 'invalid_phone',
        postcode: 'invalid_postcode',
      },
    })
  })

  it('checks the postcode against the chosen country', () => {
    const british = validateVisitor({ ...valid, postcode: 'sw1a 1aa', country: 'GB' }, 'ES')
    const spanish = validateVisitor({ ...valid, postcode: 'sw1a 1aa' }, 'ES')
    expect(british.ok && british.visitor.postcode).toBe('SW1A 1AA')
    expect(spanish.ok).toBe(false)
  })

  it('omits empty optional fields and keeps the comment lines', () => {
    const result = validateVisitor(
      { ...valid, phone: ' ', interest: ' SUV  híbrido ', comment: ' Línea 1\nLínea 2 ' },
      'ES',
    )
    expect(result).toEqual({
      ok: true,
      visitor: { ...valid, interest: 'SUV híbrido', comment: 'Línea 1\nLínea 2' },
    })
  })

  it('lower-cases only the domain of the email', () => {
    const result = validateVisitor({ ...valid, email: 'Ana.Ruiz@Example.ES' }, 'ES')
    expect(result.ok && result.visitor.email).toBe('Ana.Ruiz@example.es')
  })

  it('refuses values longer than LeadCars would keep', () => {
    const result = validateVisitor({ ...valid, comment: 'a'.repeat(1001) }, 'ES')
    expect(result).toEqual({ ok: false, errors: { comment: 'too_long' } })
  })
})
