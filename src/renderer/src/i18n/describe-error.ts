import type { KioskError } from '../../../shared/errors'
import type { Translate } from '../composables/use-i18n'
import type { MessageKey } from '.'

/** The 5xx and 429 answers that make a failure transient, which staff read differently. */
function transientKey(status: number | undefined): MessageKey {
  if (status === 429) return 'failure.tooMany'
  return status !== undefined && status >= 500 ? 'failure.transientStatus' : 'failure.transient'
}

/**
 * What staff read for a failure, in the screen's language, chosen by its kind (and HTTP status
 * where it tells more). The message from main is English and is never shown as the text.
 */
export function describeError(error: Pick<KioskError, 'kind' | 'status'>, t: Translate): string {
  if (error.kind === 'transient')
    return t(transientKey(error.status), { status: error.status ?? '' })
  return t(`failure.${error.kind}`)
}

/**
 * LeadCars' own reason for refusing an entry, which helps staff correct it; other kinds carry
 * only the kiosk's English wording, so they have no detail to show.
 */
export function errorDetail(error: Pick<KioskError, 'kind' | 'message'>): string {
  return error.kind === 'rejected' ? error.message : ''
}
