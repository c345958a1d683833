import type { Messages } from './es'

/**
 * The message catalogue. Every two-letter file next to this one (`es.ts`, `en.ts`, `ca.ts`...)
 * is a language whose default export satisfies `Messages`: adding a language is adding a file.
 * Spanish is the default and the fallback for anything missing at run time.
 */

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>
}[keyof T & string]

export type MessageKey = Leaves<Messages>
export type MessageParams = Record<string, string | number>

export const defaultLanguage = 'es'

const modules = import.meta.glob<Messages>('./[a-z][a-z].ts', { eager: true, import: 'default' })

const catalogues: Record<string, Messages> = Object.fromEntries(
  Object.entries(modules).map(([path, messages]) => [path.slice(2, 4), messages]),
)

/** Language codes with a catalogue, Spanish first, the rest in alphabetical order. */
export const supportedLanguages: string[] = Object.keys(catalogues).sort((a, b) =>
  a === defaultLanguage ? -1 : b === defaultLanguage ? 1 : a.localeCompare(b),
)

/** A language's whole catalogue, as its file defines it (no fallback). */
export function catalogue(language: string): Messages | undefined {
  return catalogues[language]
}

export function isSupportedLanguage(code: string): boolean {
  return code in catalogues
}

function lookup(messages: Messages | undefined, key: MessageKey): string | undefined {
  let node: unknown = messages
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' ? node : undefined
}

function fill(text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}

/** The text of `key` in `language`, with `{name}` placeholders filled from `params`. */
export function translate(language: string, key: MessageKey, params: MessageParams = {}): string {
  const text = lookup(catalogues[language], key) ?? lookup(catalogues[defaultLanguage], key) ?? key
  return fill(text, params)
}

/** A language's own name for itself ("Español", "English"). */
export function languageName(language: string): string {
  return translate(language, 'language.name')
}
