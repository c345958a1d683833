import { describe, expect, it } from 'vitest'
import es from '../../src/renderer/src/i18n/es'
import {
  catalogue,
  defaultLanguage,
  languageName,
  supportedLanguages,
  translate,
} from '../../src/renderer/src/i18n'

/** Every leaf of a catalogue as [dotted key, text]. */
function leaves(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]]
  if (typeof node !== 'object' || node === null) return []
  return Object.entries(node).flatMap(([key, value]) =>
    leaves(value, prefix ? `${prefix}.${key}` : key),
  )
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort()
}

describe('the message catalogue', () => {
  it('offers Spanish first, then English, found from the files alone', () => {
    expect(defaultLanguage).toBe('es')
    expect(supportedLanguages[0]).toBe('es')
    expect(supportedLanguages).toContain('en')
    expect(languageName('es')).toBe('Español')
    expect(languageName('en')).toBe('English')
  })

  it('has, in every language, the Spanish keys with the same placeholders, and no others', () => {
    const spanish = leaves(es)
    for (const language of supportedLanguages) {
      const texts = new Map(leaves(catalogue(language)))
      expect([...texts.keys()].sort(), language).toEqual(spanish.map(([key]) => key).sort())
      for (const [key, text] of spanish) {
        expect(texts.get(key)?.trim(), `${language}:${key}`).toBeTruthy()
        expect(placeholders(texts.get(key) ?? ''), `${language}:${key}`).toEqual(placeholders(text))
      }
    }
  })

  it('fills placeholders and falls back to Spanish for an unknown language', () => {
    expect(translate('en', 'thanks.title', { name: 'Ana' })).toBe('Thank you, Ana!')
    expect(translate('es', 'flow.progress', { step: 2, total: 4 })).toBe('Paso 2 de 4')
    expect(translate('xx', 'attract.start')).toBe('Toque para empezar')
  })
})
