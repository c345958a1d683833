import { afterEach, describe, expect, it } from 'vitest'
import type { Locator } from 'vitest/browser'
import { fillName, next, start, visitorTyped, type Screen } from '../support/flow'
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

function keyLabels(): string[] {
  const keys = document.querySelectorAll('[data-testid="on-screen-keyboard"] button')
  return [...keys].map((key) => key.textContent?.trim().toLowerCase() ?? '')
}

/** The keyboard sits below the field, never over it. */
function coversField(field: Element): boolean {
  const board = document.querySelector('[data-testid="on-screen-keyboard"]')
  if (!board) return false
  const a = field.getBoundingClientRect()
  const b = board.getBoundingClientRect()
  return a.bottom > b.top && a.top < b.bottom && a.right > b.left && a.left < b.right
}

describe('keyboard-per-field', () => {
  it('gives names a letter keyboard with Spanish characters, below the field', async () => {
    const { screen } = await mount()
    await start(screen)

    const lastName = screen.getByLabelText('Apellidos', { exact: true })
    await lastName.click()

    await expect.element(keyboard(screen)).toHaveAttribute('data-layout', 'letters')
    expect(keyLabels()).toEqual(expect.arrayContaining(['ñ', 'á', 'é', 'í', 'ó', 'ú', 'ü']))
    await expect
      .element(keyboard(screen).getByRole('button', { name: 'N', exact: true }))
      .toBeVisible()
    await tap(screen, 'N', 'ú', 'ñ', 'e', 'z')
    await expect.element(lastName).toHaveValue('Núñez')
    await tap(screen, 'Borrar')
    await expect.element(lastName).toHaveValue('Núñe')
    await expect.element(lastName).toHaveFocus()
    expect(coversField(lastName.element())).toBe(false)
  })

  it('gives email a layout with @, dots and common domains', async () => {
    const { screen } = await mount()
    await start(screen)
    await fillName(screen, visitorTyped)

    const email = screen.getByLabelText('Correo electrónico')
    await email.click()

    await expect.element(keyboard(screen)).toHaveAttribute('data-layout', 'email')
    await tap(screen, 'a', 'n', 'a', '@gmail.com')
    await expect.element(email).toHaveValue('ana@gmail.com')
    expect(keyLabels()).toEqual(expect.arrayContaining(['@', '.', '.es', '.com']))
    expect(coversField(email.element())).toBe(false)
  })

  it('gives phone digits and +, and postcode digits only (letters too outside Spain)', async () => {
    const { screen } = await mount()
    await start(screen)
    await fillName(screen, visitorTyped)

    const phone = screen.getByLabelText('Teléfono (opcional)', { exact: true })
    await phone.click()
    await expect.element(keyboard(screen)).toHaveAttribute('data-layout', 'phone')
    await tap(screen, '+', '3', '4', '6')
    await expect.element(phone).toHaveValue('+346')
    expect(keyLabels()).not.toContain('a')

    const postcode = screen.getByLabelText('Código postal (opcional)', { exact: true })
    await postcode.click()
    await expect.element(keyboard(screen)).toHaveAttribute('data-layout', 'digits')
    expect(keyLabels()).not.toContain('+')
    expect(coversField(postcode.element())).toBe(false)

    await screen.getByLabelText('País del teléfono y del código postal').selectOptions('GB')
    await postcode.click()
    await expect.element(keyboard(screen)).toHaveAttribute('data-layout', 'text')
  })

  it('works the same in English, and hides when no field has focus', async () => {
    const { screen } = await mount()
    await start(screen)
    await screen.getByRole('button', { name: 'English' }).click()

    const firstName = screen.getByLabelText('First name', { exact: true })
    await firstName.click()
    await tap(screen, 'A', 'n', 'a')
    await expect.element(firstName).toHaveValue('Ana')
    await tap(screen, 'Hide keyboard')

    await expect.element(keyboard(screen)).not.toBeInTheDocument()
    await expect.element(firstName).not.toHaveFocus()
  })

  it('lets a tap on Continue land while the keyboard is showing', async () => {
    const { screen } = await mount()
    await start(screen)
    await screen.getByLabelText('Nombre', { exact: true }).fill('Ana')
    await screen.getByLabelText('Apellidos', { exact: true }).fill('Ruiz')
    await expect.element(keyboard(screen)).toBeVisible()

    await next(screen)

    await expect.element(screen.getByRole('heading', { name: /contactarle/ })).toBeVisible()
  })
})
