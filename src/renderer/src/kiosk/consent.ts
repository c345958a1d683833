import type { ConsentRecord } from '../../../shared/entry'
import type { ConsentDefinition } from '../../../shared/settings'
import { defaultLanguage } from '../i18n'

/** A visitor's answer to one consent, with the time they gave it. */
export type ConsentAnswer = { granted: boolean; at: string }

/** The text of a consent as shown to the visitor, and the language it is really in. */
export type ShownConsent = { text: string; language: string }

/** The consent's text in `language`, else Spanish, else the first text it has. */
export function shownConsent(definition: ConsentDefinition, language: string): ShownConsent {
  for (const candidate of [language, defaultLanguage]) {
    const text = definition.text[candidate]
    if (text) return { text, language: candidate }
  }
  const [first] = Object.entries(definition.text)
  return first ? { text: first[1], language: first[0] } : { text: '', language }
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Ids of required consents the visitor has not granted. */
export function missingConsents(
  definitions: ConsentDefinition[],
  answers: Record<string, ConsentAnswer>,
): string[] {
  return definitions
    .filter((definition) => definition.required && !answers[definition.id]?.granted)
    .map((definition) => definition.id)
}

/**
 * Evidence for every consent: granted or refused, the hash of the exact text shown, its
 * version and language, and when it was answered (an untouched consent is refused at `now`).
 */
export async function consentRecords(
  definitions: ConsentDefinition[],
  answers: Record<string, ConsentAnswer>,
  language: string,
  now: string,
): Promise<ConsentRecord[]> {
  return Promise.all(
    definitions.map(async (definition) => {
      const shown = shownConsent(definition, language)
      const answer = answers[definition.id]
      return {
        id: definition.id,
        flag: definition.flag,
        granted: answer?.granted ?? false,
        textHash: await sha256Hex(shown.text),
        textVersion: definition.version,
        language: shown.language,
        at: answer?.at ?? now,
      }
    }),
  )
}
