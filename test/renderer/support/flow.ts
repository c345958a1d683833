import { expect } from 'vitest'
import type { RenderResult } from 'vitest-browser-vue'

/** Steps of the visitor's flow as a visitor does them, by visible labels (Spanish by default). */

export type Screen = RenderResult<Record<string, unknown>>

export type Typed = {
  firstName: string
  lastName: string
  email: string
  phone?: string
  postcode?: string
}

export const visitorTyped: Typed = {
  firstName: 'José Ángel',
  lastName: 'Núñez-Güell',
  email: 'jose.angel@example.es',
  phone: '612 34 56 78',
  postcode: '28001',
}

const field = (screen: Screen, label: string) => screen.getByLabelText(label, { exact: true })

export async function start(screen: Screen): Promise<void> {
  await screen.getByRole('button', { name: 'Toque para empezar' }).click()
  await expect.element(screen.getByRole('heading', { name: '¿Cómo se llama?' })).toBeVisible()
}

export async function next(screen: Screen): Promise<void> {
  await screen.getByRole('button', { name: 'Continuar' }).click()
}

export async function fillName(screen: Screen, typed: Typed): Promise<void> {
  await field(screen, 'Nombre').fill(typed.firstName)
  await field(screen, 'Apellidos').fill(typed.lastName)
  await next(screen)
  await expect.element(screen.getByRole('heading', { name: /contactarle/ })).toBeVisible()
}

export async function fillContact(screen: Screen, typed: Typed): Promise<void> {
  await field(screen, 'Correo electrónico').fill(typed.email)
  if (typed.phone) await field(screen, 'Teléfono (opcional)').fill(typed.phone)
  if (typed.postcode) await field(screen, 'Código postal (opcional)').fill(typed.postcode)
  await next(screen)
  await expect.element(screen.getByRole('heading', { name: '¿Qué le interesa?' })).toBeVisible()
}

export async function skipInterest(screen: Screen): Promise<void> {
  await next(screen)
  await expect.element(screen.getByRole('heading', { name: 'Su privacidad' })).toBeVisible()
}

/** From the attract screen to the consents step with `typed` entered. */
export async function reachConsents(screen: Screen, typed: Typed = visitorTyped): Promise<void> {
  await start(screen)
  await fillName(screen, typed)
  await fillContact(screen, typed)
  await skipInterest(screen)
}

export async function grantRequiredConsent(screen: Screen): Promise<void> {
  await screen.getByRole('checkbox', { name: /Acepto que el concesionario/ }).click()
}

export function sendButton(screen: Screen) {
  return screen.getByRole('button', { name: /^(Enviar|Guardando…)$/ })
}
