import { expect, type Page } from '@playwright/test'

/** What a visitor types, as they would type it. */
export type Typed = {
  firstName: string
  lastName: string
  email: string
  phone?: string
  postcode?: string
}

export const lucia: Typed = {
  firstName: 'Lucía',
  lastName: 'Fernández Muñoz',
  email: 'lucia.fernandez@example.es',
  phone: '612 34 56 78',
  postcode: '28013',
}

export const inaki: Typed = {
  firstName: 'Iñaki',
  lastName: 'Etxeberría Güell',
  email: 'inaki.etxeberria@example.es',
  phone: '655 44 33 22',
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true })
const next = (page: Page) => page.getByRole('button', { name: 'Continuar' }).click()

/** From the attract screen to the thank-you, in Spanish, granting the consents named. */
export async function captureVisitor(
  page: Page,
  typed: Typed,
  consents: { marketing: boolean; brand: boolean } = { marketing: false, brand: false },
  beforeSend: () => Promise<void> = async () => undefined,
): Promise<void> {
  await page.getByRole('button', { name: 'Toque para empezar' }).click()
  await field(page, 'Nombre').fill(typed.firstName)
  await field(page, 'Apellidos').fill(typed.lastName)
  await next(page)
  await field(page, 'Correo electrónico').fill(typed.email)
  if (typed.phone) await field(page, 'Teléfono (opcional)').fill(typed.phone)
  if (typed.postcode) await field(page, 'Código postal (opcional)').fill(typed.postcode)
  await next(page)
  await expect(page.getByRole('heading', { name: '¿Qué le interesa?' })).toBeVisible()
  await next(page)
  await expect(page.getByRole('heading', { name: 'Su privacidad' })).toBeVisible()
  await page.getByRole('checkbox', { name: /Acepto que el concesionario trate/ }).click()
  if (consents.marketing) {
    await page.getByRole('checkbox', { name: /comunicaciones comerciales/ }).click()
  }
  if (consents.brand) {
    await page.getByRole('checkbox', { name: /comparta mis datos con la marca/ }).click()
  }
  await beforeSend()
  await page.getByRole('button', { name: 'Enviar' }).click()
  await expect(page.getByRole('heading', { name: /Gracias/ })).toBeVisible()
}

/** Waits for the thank-you to return to the attract screen. */
export async function backToAttract(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Toque para empezar' })).toBeVisible({
    timeout: 20_000,
  })
}

/** Opens the sync status with the default staff PIN. */
export async function openSyncStatus(page: Page, pin = '1234'): Promise<void> {
  await backToAttract(page)
  await page.keyboard.press('Control+Shift+K')
  for (const digit of pin) {
    await page.getByRole('button', { name: digit, exact: true }).click()
  }
  await page.getByRole('button', { name: 'Entrar' }).click()
  await expect(page.getByRole('heading', { name: 'Estado de envíos' })).toBeVisible()
}

/** The states of the rows on the sync status, newest first. */
export function entryStates(page: Page): Promise<string[]> {
  return page
    .getByTestId('entry-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-state') ?? ''))
}
