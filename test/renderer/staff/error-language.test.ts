import { afterEach, describe, expect, it } from 'vitest'
import type { KioskError } from '../../../src/shared/errors'
import type { Translate } from '../../../src/renderer/src/composables/use-i18n'
import { translate } from '../../../src/renderer/src/i18n'
import { describeError, errorDetail } from '../../../src/renderer/src/i18n/describe-error'
import { useKioskStore } from '../../../src/renderer/src/stores/kiosk'
import { useSyncStore } from '../../../src/renderer/src/stores/sync'
import { createFakeKioskApi } from '../support/fake-kiosk-api'
import { freshOutbox, mount, tearDown } from '../support/mount'
import { seed } from '../support/seed'
import { openStatus, rows } from '../support/staff'
import type { Screen } from '../support/flow'

afterEach(tearDown)

const inSpanish: Translate = (key, params) => translate('es', key, params)
const english = /LeadCars (refused|could not)|The current PIN|ECONNREFUSED/

async function openSettings(screen: Screen): Promise<void> {
  await openStatus(screen)
  await screen.getByRole('button', { name: 'Ajustes' }).click()
  await expect.element(screen.getByRole('heading', { name: 'Ajustes' })).toBeVisible()
}

describe('describeError', () => {
  const t = inSpanish

  it('chooses the text by kind, never from the English message', () => {
    const cases: [KioskError, string][] = [
      [
        { kind: 'auth', message: 'LeadCars refused the token (401)', status: 401 },
        'LeadCars ha rechazado el token',
      ],
      [
        { kind: 'transient', message: 'LeadCars could not be reached (ECONNREFUSED)' },
        'No se ha podido contactar con LeadCars',
      ],
      [
        { kind: 'ambiguous', message: 'timeout' },
        'Sin respuesta de LeadCars (puede haberse recibido)',
      ],
      [
        { kind: 'rejected', message: 'email is not valid', status: 422 },
        'LeadCars ha rechazado la entrada',
      ],
      [
        { kind: 'transient', message: 'busy', status: 503 },
        'LeadCars no está disponible ahora mismo (código 503)',
      ],
    ]
    for (const [error, text] of cases) expect(describeError(error, t)).toBe(text)
  })

  it('has a text in every language for every kind, and keeps only LeadCars reasons as detail', () => {
    const kinds = [
      'transient',
      'ambiguous',
      'auth',
      'rejected',
      'malformed',
      'config',
      'invalid_input',
      'storage',
    ] as const
    for (const kind of kinds) {
      const error: KioskError = { kind, message: 'English words' }
      const es = describeError(error, t)
      const en = describeError(error, (key, params) => translate('en', key, params))
      expect(es).not.toMatch(/^failure\./)
      expect(en).not.toMatch(/^failure\./)
      expect(es).not.toBe(en)
      expect(errorDetail(error)).toBe(kind === 'rejected' ? 'English words' : '')
    }
  })
})

describe('staff messages in one language', () => {
  it('says why the PIN did not change in the screen language', async () => {
    const { screen } = await mount()
    await openSettings(screen)

    await screen.getByLabelText('PIN actual').fill('9999')
    await screen.getByLabelText('PIN nuevo (4 a 8 cifras)').fill('1357')
    await screen.getByLabelText('Repita el PIN nuevo').fill('1357')
    await screen.getByRole('button', { name: 'Cambiar PIN' }).click()

    await expect.element(screen.getByText(inSpanish('settings.pinRejected'))).toBeVisible()
    expect(document.body.textContent).not.toMatch(english)
  })

  it('shows lists that failed to load in the screen language', async () => {
    const { screen, api } = await mount()
    api.getReferenceLists = async () => ({
      ok: false,
      error: { kind: 'transient', message: 'LeadCars could not be reached (ECONNREFUSED)' },
    })
    await openSettings(screen)

    await screen.getByRole('button', { name: 'Cargar listas de LeadCars' }).click()

    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent(
        'No se han podido cargar las listas: No se ha podido contactar con LeadCars',
      )
    expect(document.body.textContent).not.toMatch(english)
  })

  it('translates the last-error column when staff switch to English', async () => {
    const outbox = await freshOutbox()
    await seed(outbox, 'retrying')
    const { screen, pinia } = await mount({ outbox })
    await openStatus(screen)
    await expect.poll(() => rows().length).toBe(1)

    useKioskStore(pinia).setLanguage('en')

    const cell = () => rows()[0]?.querySelector('[data-testid="last-error"]')?.textContent?.trim()
    await expect.poll(cell).toBe('LeadCars could not be reached')
  })
})

describe('the courier alert', () => {
  const authError: KioskError = {
    kind: 'auth',
    message: 'LeadCars refused the token (401)',
    status: 401,
  }

  it('is not shown twice next to the auth banner, and goes once the pause lifts', async () => {
    const api = createFakeKioskApi({ status: { authPaused: true } })
    const { screen, pinia } = await mount({ api })
    await openStatus(screen)
    await expect.element(screen.getByTestId('auth-alert')).toBeVisible()

    useSyncStore(pinia).noteCourierError(authError)

    await expect.element(screen.getByTestId('auth-alert')).toBeVisible()
    await expect.element(screen.getByTestId('courier-alert')).not.toBeInTheDocument()
    api.emit({ type: 'status', status: { ...api.status, authPaused: false } })
    await expect.element(screen.getByTestId('auth-alert')).not.toBeInTheDocument()
    await expect.element(screen.getByTestId('courier-alert')).not.toBeInTheDocument()
    expect(useSyncStore(pinia).courierError).toBeNull()
  })

  it('shows other courier errors translated, until a delivery goes through', async () => {
    const outbox = await freshOutbox()
    const entry = await seed(outbox, 'pending')
    const { screen, pinia } = await mount({ outbox })
    await openStatus(screen)

    useSyncStore(pinia).noteCourierError({ kind: 'storage', message: 'QuotaExceededError' })

    await expect
      .element(screen.getByTestId('courier-alert'))
      .toHaveTextContent('Error del repartidor: El dispositivo no ha podido guardar los datos')
    await outbox.markSending(entry.reference)
    await outbox.applyOutcome(entry.reference, {
      reference: entry.reference,
      status: 'delivered',
      steps: { lead: { leadId: 1, at: new Date().toISOString() } },
      ambiguousRetries: 0,
    })
    await expect.element(screen.getByTestId('courier-alert')).not.toBeInTheDocument()
  })
})
