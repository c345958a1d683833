import { describe, expect, it } from 'vitest'
import type { ConsentDefinition } from '../../../src/shared/settings'
import {
  consentRecords,
  missingConsents,
  sha256Hex,
  shownConsent,
} from '../../../src/renderer/src/kiosk/consent'
import { countryOptions } from '../../../src/renderer/src/kiosk/countries'
import { atWordStart, deleteBackward, insertText } from '../../../src/renderer/src/kiosk/keyboard'
import { maskEmail, maskName } from '../../../src/renderer/src/kiosk/mask'
import { findShowroomLeadType } from '../../../src/renderer/src/stores/settings'

const marketing: ConsentDefinition = {
  id: 'marketing',
  flag: 'gdpr2',
  required: false,
  version: 'v2',
  text: { es: 'Quiero ofertas.', en: 'I want offers.' },
}
const processing: ConsentDefinition = {
  id: 'processing',
  flag: 'gdpr1',
  required: true,
  version: 'v1',
  text: { es: 'Acepto el tratamiento.' },
}

describe('masking on staff screens', () => {
  it('keeps initials of every word of the name', () => {
    expect(maskName('Juan', 'García')).toBe('J*** G***')
    expect(maskName('josé ángel', 'Núñez  Güell')).toBe('J*** Á*** N*** G***')
  })

  it('keeps the first letters and the top-level domain of an email', () => {
    expect(maskEmail('juan@example.es')).toBe('j***@e***.es')
    expect(maskEmail('not-an-email')).toBe('***')
  })
})

describe('consent evidence', () => {
  it('hashes with SHA-256', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })

  it('shows the text in the visitor language, else in Spanish, and says which', () => {
    expect(shownConsent(marketing, 'en')).toEqual({ text: 'I want offers.', language: 'en' })
    expect(shownConsent(processing, 'en')).toEqual({
      text: 'Acepto el tratamiento.',
      language: 'es',
    })
  })

  it('lists required consents not granted', () => {
    const at = '2026-01-01T10:00:00.000Z'
    expect(missingConsents([processing, marketing], {})).toEqual(['processing'])
    expect(missingConsents([processing], { processing: { granted: false, at } })).toEqual([
      'processing',
    ])
    expect(missingConsents([processing], { processing: { granted: true, at } })).toEqual([])
  })

  it('records each answer, an unanswered one as refused at send time', async () => {
    const answeredAt = '2026-01-01T10:00:00.000Z'
    const records = await consentRecords(
      [processing, marketing],
      { processing: { granted: true, at: answeredAt } },
      'en',
      '2026-01-01T10:05:00.000Z',
    )
    expect(records).toEqual([
      {
        id: 'processing',
        flag: 'gdpr1',
        granted: true,
        textHash: await sha256Hex('Acepto el tratamiento.'),
        textVersion: 'v1',
        language: 'es',
        at: answeredAt,
      },
      {
        id: 'marketing',
        flag: 'gdpr2',
        granted: false,
        textHash: await sha256Hex('I want offers.'),
        textVersion: 'v2',
        language: 'en',
        at: '2026-01-01T10:05:00.000Z',
      },
    ])
  })
})

describe('the on-screen keyboard editing', () => {
  function field(value: string, caret: number, maxLength?: number): HTMLInputElement {
    const input = document.createElement('input')
    input.value = value
    if (maxLength) input.maxLength = maxLength
    document.body.append(input)
    input.setSelectionRange(caret, caret)
    return input
  }

  it('types at the caret and announces the change', () => {
    const input = field('Nez', 1)
    let inputs = 0
    input.addEventListener('input', () => (inputs += 1))
    insertText(input, 'úñ')
    expect(input.value).toBe('Núñez')
    expect(input.selectionStart).toBe(3)
    expect(inputs).toBe(1)
    input.remove()
  })

  it('deletes backwards and respects maxlength', () => {
    const input = field('abc', 3, 3)
    insertText(input, 'd')
    expect(input.value).toBe('abc')
    deleteBackward(input)
    expect(input.value).toBe('ab')
    input.setSelectionRange(0, 0)
    deleteBackward(input)
    expect(input.value).toBe('ab')
    input.remove()
  })

  it('knows where a word starts', () => {
    const input = field('Ana María-', 10)
    expect(atWordStart(input)).toBe(true)
    input.setSelectionRange(2, 2)
    expect(atWordStart(input)).toBe(false)
    input.remove()
  })
})

describe('reference helpers', () => {
  it('finds the showroom lead type whatever its accents or case', () => {
    const items = [
      { id: 1, name: 'WEB' },
      { id: 2, name: 'OFFLINE - PASO DE EXPOSICION' },
    ]
    expect(findShowroomLeadType(items)?.id).toBe(2)
    expect(findShowroomLeadType([{ id: 1, name: 'WEB' }])).toBeUndefined()
  })

  it('lists phone countries with the default first, named in the visitor language', () => {
    const spanish = countryOptions('es', 'ES')
    expect(spanish[0]).toEqual({ code: 'ES', label: 'España (+34)' })
    expect(countryOptions('en', 'FR')[0]).toEqual({ code: 'FR', label: 'France (+33)' })
    expect(new Set(spanish.map((option) => option.code)).size).toBe(spanish.length)
    expect(spanish.length).toBeGreaterThan(200)
  })
})
