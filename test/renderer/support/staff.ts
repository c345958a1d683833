import { expect } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { Screen } from './flow'

/** The staff way in: the keyboard shortcut on the attract screen, then the PIN pad. */

export async function openPinPad(screen: Screen): Promise<void> {
  await expect.element(screen.getByRole('button', { name: 'Toque para empezar' })).toBeVisible()
  await userEvent.keyboard('{Control>}{Shift>}K{/Shift}{/Control}')
  await expect
    .element(screen.getByRole('heading', { name: 'Introduzca el PIN del personal' }))
    .toBeVisible()
}

export async function typePin(screen: Screen, pin: string): Promise<void> {
  for (const digit of pin) {
    await screen.getByRole('button', { name: digit, exact: true }).click()
  }
  await screen.getByRole('button', { name: 'Entrar' }).click()
}

/** From the attract screen to the sync status, with the right PIN. */
export async function openStatus(screen: Screen, pin = '2468'): Promise<void> {
  await openPinPad(screen)
  await typePin(screen, pin)
  await expect.element(screen.getByRole('heading', { name: 'Estado de envíos' })).toBeVisible()
}

/** The rows of the entry list as [state, text] pairs, newest first. */
export function rows(): HTMLTableRowElement[] {
  return [...document.querySelectorAll<HTMLTableRowElement>('[data-testid="entry-row"]')]
}
