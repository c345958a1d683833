import { afterEach, describe, expect, it } from 'vitest'
import { page, type Locator } from 'vitest/browser'
import { fillName, start, visitorTyped, type Screen } from '../support/flow'
import { layout } from '../../../src/renderer/src/kiosk/keyboard'
import { mount, tearDown } from '../support/mount'

afterEach(tearDown)

function keyboard(screen: Screen): Locator {
  return screen.getByTestId('on-screen-keyboard')
}

async function tap(screen: Screen, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    await keyboard(screen).getByRole('button', { name: key, exact: true }).click()
  }
}

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.bottom > b.top && a.top < b.bottom && a.right > b.left && a.left < b.right
}

describe('the keyboard Next key', () => {
  it('keeps Continue clear of the keyboard on the email step at 1920×1080', async () => {
    const { screen } = await mount()
    await page.viewport(1920, 1080)
    await start(screen)
    await fillName(screen, visitorTyped)

    await screen.getByLabelText('Correo electrónico').click()
    await expect.element(keyboard(screen)).toHaveAttribute('data-layout', 'email')

    const continueButton = screen.getByRole('button', { name: 'Continuar' }).element()
    const board = keyboard(screen).element()
    await expect
      .poll(() => overlaps(continueButton.getBoundingClientRect(), board.getBoundingClientRect()))
      .toBe(false)
    const email = screen.getByLabelText('Correo electrónico').element()
    expect(overlaps(email.getBoundingClientRect(), board.getBoundingClientRect())).toBe(false)
  })

  it('moves to the next field, and on the last one continues like the button', async () => {
    const { screen } = await mount()
    await start(screen)

    const firstName = screen.getByLabelText('Nombre', { exact: true })
    const lastName = screen.getByLabelText('Apellidos', { exact: true })
    await firstName.click()
    await tap(screen, 'A', 'n', 'a', 'Siguiente')
    await expect.element(lastName).toHaveFocus()
    await tap(screen, 'R', 'u', 'i', 'z', 'Siguiente')

    await expect.element(screen.getByRole('heading', { name: /contactarle/ })).toBeVisible()
    await screen.getByLabelText('Correo electrónico').fill('ana@example.es')
    await screen.getByLabelText('Correo electrónico').click()
    await tap(screen, 'Siguiente')
    const phone = screen.getByLabelText('Teléfono (opcional)', { exact: true })
    await expect.element(phone).toHaveFocus()
    await expect.element(keyboard(screen)).toHaveAttribute('data-layout', 'phone')
    await tap(screen, 'Siguiente')
    await expect
      .element(screen.getByLabelText('Código postal (opcional)', { exact: true }))
      .toHaveFocus()
    await tap(screen, 'Siguiente')

    await expect.element(screen.getByRole('heading', { name: '¿Qué le interesa?' })).toBeVisible()
  })

  it('stays on the step, showing the errors, when the last field submits an invalid step', async () => {
    const { screen } = await mount()
    await start(screen)

    await screen.getByLabelText('Apellidos', { exact: true }).click()
    await tap(screen, 'R', 'u', 'i', 'z', 'Siguiente')

    await expect.element(screen.getByRole('heading', { name: '¿Cómo se llama?' })).toBeVisible()
    await expect.element(screen.getByText('Este dato es obligatorio.')).toBeVisible()
  })

  it('is there in English on every layout', async () => {
    const { screen } = await mount()
    await start(screen)
    await screen.getByRole('button', { name: 'English' }).click()

    await screen.getByLabelText('First name', { exact: true }).click()
    await expect.element(keyboard(screen).getByRole('button', { name: 'Next' })).toBeVisible()
    const kinds = ['letters', 'text', 'email', 'phone', 'digits'] as const
    for (const kind of kinds) {
      const keys = layout(kind).flat()
      expect(keys.some((key) => key.kind === 'action' && key.action === 'next')).toBe(true)
    }
  })
})

describe('capitals on the name keyboard', () => {
  it('types O\u2019Connor-style names as the visitor taps them', async () => {
    const { screen } = await mount()
    await start(screen)
    const lastName = screen.getByLabelText('Apellidos', { exact: true })
    await lastName.click()

    await tap(screen, 'O', 'Mayúsculas', "'", 'C', 'o', 'n', 'n', 'o', 'r')
    await expect.element(lastName).toHaveValue("O'Connor")

    await tap(screen, '-', 'G', 'i', 'l')
    await expect.element(lastName).toHaveValue("O'Connor-Gil")
  })

  it('keeps a lower-case letter after an apostrophe and lets Shift undo the automatic capital', async () => {
    const { screen } = await mount()
    await start(screen)
    const lastName = screen.getByLabelText('Apellidos', { exact: true })
    await lastName.click()

    await tap(screen, 'Mayúsculas', 'd', "'", 'a', 'm', 'i', 'c', 'o')

    await expect.element(lastName).toHaveValue("d'amico")
  })
})
