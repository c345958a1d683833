import { computed, type ComputedRef } from 'vue'
import { translate, type MessageKey, type MessageParams } from '../i18n'
import { useKioskStore } from '../stores/kiosk'

export type Translate = (key: MessageKey, params?: MessageParams) => string

/** The regional formats staff expect for each language (day/month order, 24-hour clock). */
const locales: Record<string, string> = { es: 'es-ES', en: 'en-GB' }

/** `t()` bound to the visitor's current language, and date formatting in that language. */
export function useI18n(): {
  t: Translate
  language: ComputedRef<string>
  formatTime: (iso: string | number | null | undefined) => string
} {
  const kiosk = useKioskStore()
  const language = computed(() => kiosk.language)
  const t: Translate = (key, params) => translate(kiosk.language, key, params)
  const formatTime = (value: string | number | null | undefined): string => {
    if (value === null || value === undefined) return ''
    const date = new Date(value)
    if (Number.isNaN(date.getTime())) return ''
    return date.toLocaleString(locales[kiosk.language] ?? kiosk.language, {
      dateStyle: 'short',
      timeStyle: 'short',
    })
  }
  return { t, language, formatTime }
}
