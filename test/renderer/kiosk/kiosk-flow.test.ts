import { afterEach, describe, expect, it } from 'vitest'
import { consentTexts, createFakeKioskApi } from '../support/fake-kiosk-api'
import { reachConsents, grantRequiredConsent, sendButton, visitorTyped } from '../support/flow'
import { tearDown, mount } from '../support/mount'

afterEach(tearDown)

/** SHA-256 hex computed here on its own, to check the hash the kiosk stored. */
async function digestOf(text: string): Promise<string> {
  const bytes = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)),
  )
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

describe('the kiosk flow in Spanish', () => {
  it('ends on the thank-you and stores exactly one entry, phone in E.164, accents kept', async () => {
    const { screen, outbox, courier } = await mount()

    await reachConsents(screen)
    await grantRequiredConsent(screen)
    await sendButton(screen).click()

    await expect
      .element(screen.getByRole('heading', { name: '¡Gracias, José Ángel!' }))
      .toBeVisible()
    const entries = await outbox.list()
    expect(entries).toHaveLength(1)
    expect(entries[0]?.visitor).toEqual({
      firstName: 'José Ángel',
      lastName: 'Núñez-Güell',
      email: 'jose.angel@example.es',
      phone: '+34612345678',
      postcode: '28001',
    })
    expect(entries[0]?.state).toBe('pending')
    expect(entries[0]?.language).toBe('es')
    expect(courier.wake).toHaveBeenCalledWith('captured')
  })

  it('records every consent with the hash of the exact text shown, version and language', async () => {
    const { screen, outbox } = await mount()

    await reachConsents(screen)
    await grantRequiredConsent(screen)
    await sendButton(screen).click()
    await expect.element(screen.getByRole('heading', { name: /Gracias/ })).toBeVisible()

    const [entry] = await outbox.list()
    const consents = entry?.consents ?? []
    expect(
      consents.map(({ id, flag, granted, textVersion, language }) => ({
        id,
        flag,
        granted,
        textVersion,
        language,
      })),
    ).toEqual([
      { id: 'processing', flag: 'gdpr1', granted: true, textVersion: 'v3', language: 'es' },
      { id: 'marketing', flag: 'gdpr2', granted: false, textVersion: 'v1', language: 'es' },
    ])
    expect(consents[0]?.textHash).toBe(await digestOf(consentTexts.processing.es))
    expect(consents[1]?.textHash).toBe(await digestOf(consentTexts.marketing.es))
    expect(Number.isNaN(Date.parse(consents[0]?.at ?? ''))).toBe(false)
  })

  it('routes the entry as the settings say', async () => {
    const { screen, outbox } = await mount()

    await reachConsents(screen)
    await grantRequiredConsent(screen)
    await sendButton(screen).click()

    await expect.element(screen.getByRole('heading', { name: /Gracias/ })).toBeVisible()
    expect((await outbox.list())[0]?.routing).toEqual({
      dealerId: 11,
      siteId: 21,
      campaignCode: 'EXPO 2026',
      leadTypeId: 31,
    })
  })

  it('still captures when the kiosk is not configured, with 0 for the missing ids', async () => {
    const api = createFakeKioskApi({ settings: { routing: {} } })
    const { screen, outbox } = await mount({ api })

    await reachConsents(screen)
    await grantRequiredConsent(screen)
    await sendButton(screen).click()

    await expect.element(screen.getByRole('heading', { name: /Gracias/ })).toBeVisible()
    expect((await outbox.list())[0]?.routing).toEqual({ dealerId: 0, leadTypeId: 0 })
  })

  it('refuses to send without the required consent, and says why next to it', async () => {
    const { screen, outbox } = await mount()

    await reachConsents(screen)
    await sendButton(screen).click()

    const checkbox = screen.getByRole('checkbox', { name: /Acepto que el concesionario/ })
    await expect
      .element(screen.getByText('Necesitamos este consentimiento para atenderle.'))
      .toBeVisible()
    await expect.element(checkbox).toHaveAttribute('aria-invalid', 'true')
    await expect
      .element(checkbox)
      .toHaveAccessibleDescription('Necesitamos este consentimiento para atenderle.')
    expect(await outbox.list()).toHaveLength(0)
  })

  it('goes back to the attract screen from the thank-you, with the form wiped', async () => {
    const { screen } = await mount()

    await reachConsents(screen)
    await grantRequiredConsent(screen)
    await sendButton(screen).click()
    await screen.getByRole('button', { name: 'Volver al inicio' }).click()

    await expect.element(screen.getByRole('button', { name: 'Toque para empezar' })).toBeVisible()
    await screen.getByRole('button', { name: 'Toque para empezar' }).click()
    await expect.element(screen.getByLabelText('Nombre', { exact: true })).toHaveValue('')
    expect(document.body.textContent).not.toContain(visitorTyped.lastName)
  })

  it('wipes the form when the visitor goes back from the first step', async () => {
    const { screen } = await mount()
    await screen.getByRole('button', { name: 'Toque para empezar' }).click()
    await screen.getByLabelText('Nombre', { exact: true }).fill('Lucía')

    await screen.getByRole('button', { name: 'Atrás' }).click()
    await screen.getByRole('button', { name: 'Toque para empezar' }).click()

    await expect.element(screen.getByLabelText('Nombre', { exact: true })).toHaveValue('')
  })
})
