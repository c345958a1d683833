import { afterEach, describe, expect, it } from 'vitest'
import { fillName, next, start, visitorTyped } from '../support/flow'
import { mount, tearDown } from '../support/mount'

afterEach(tearDown)

describe('validation messages next to each field', () => {
  it('explains missing names in Spanish, tied to the field, and focuses the first one', async () => {
    const { screen } = await mount()
    await start(screen)

    await next(screen)

    const firstName = screen.getByLabelText('Nombre', { exact: true })
    const lastName = screen.getByLabelText('Apellidos', { exact: true })
    await expect.element(firstName).toHaveAccessibleDescription('Este dato es obligatorio.')
    await expect.element(lastName).toHaveAccessibleDescription('Este dato es obligatorio.')
    await expect.element(firstName).toHaveAttribute('aria-invalid', 'true')
    await expect.element(firstName).toHaveFocus()
    await expect.element(screen.getByRole('heading', { name: '¿Cómo se llama?' })).toBeVisible()
  })

  it('switches the messages to English and keeps what was typed', async () => {
    const { screen } = await mount()
    await start(screen)
    await screen.getByLabelText('Nombre', { exact: true }).fill('María José')
    await screen.getByLabelText('Apellidos', { exact: true }).fill('R2D2')
    await next(screen)
    await expect
      .element(screen.getByLabelText('Apellidos', { exact: true }))
      .toHaveAccessibleDescription('Use solo letras, espacios, guiones o apóstrofos.')

    await screen.getByRole('button', { name: 'English' }).click()

    await expect.element(screen.getByRole('heading', { name: 'What is your name?' })).toBeVisible()
    await expect
      .element(screen.getByLabelText('Surname', { exact: true }))
      .toHaveAccessibleDescription('Please use only letters, spaces, hyphens or apostrophes.')
    await expect
      .element(screen.getByLabelText('First name', { exact: true }))
      .toHaveValue('María José')
    await expect.element(screen.getByLabelText('Surname', { exact: true })).toHaveValue('R2D2')
    expect(document.documentElement.lang).toBe('en')
  })

  it('checks email, phone and postcode in the visitor language', async () => {
    const { screen } = await mount()
    await start(screen)
    await fillName(screen, visitorTyped)
    await screen.getByLabelText('Correo electrónico').fill('maria@')
    await screen.getByLabelText('Teléfono (opcional)', { exact: true }).fill('12')
    await screen.getByLabelText('Código postal (opcional)', { exact: true }).fill('123')

    await next(screen)

    await expect
      .element(screen.getByLabelText('Correo electrónico'))
      .toHaveAccessibleDescription('Revise el correo: debe ser como nombre@dominio.es.')
    await expect
      .element(screen.getByLabelText('Teléfono (opcional)', { exact: true }))
      .toHaveAccessibleDescription('Revise el teléfono y el país elegido.')
    await expect
      .element(screen.getByLabelText('Código postal (opcional)', { exact: true }))
      .toHaveAccessibleDescription('Revise el código postal.')

    await screen.getByRole('button', { name: 'English' }).click()

    await expect
      .element(screen.getByLabelText('Email'))
      .toHaveAccessibleDescription('Please check the email: it should look like name@domain.com.')
    await expect
      .element(screen.getByLabelText('Phone (optional)', { exact: true }))
      .toHaveAccessibleDescription('Please check the phone number and the country chosen.')
    await expect.element(screen.getByLabelText('Email')).toHaveValue('maria@')
  })

  it('reads the phone in the country chosen, Spain by default', async () => {
    const { screen, outbox } = await mount()
    await start(screen)
    await fillName(screen, visitorTyped)
    const country = screen.getByLabelText('País del teléfono y del código postal')
    await expect.element(country).toHaveValue('ES')

    await country.selectOptions('FR')
    await screen.getByLabelText('Correo electrónico').fill('jose@example.fr')
    await screen.getByLabelText('Teléfono (opcional)', { exact: true }).fill('06 12 34 56 78')
    await screen.getByLabelText('Código postal (opcional)', { exact: true }).fill('75001')
    await next(screen)
    await next(screen)
    await screen.getByRole('checkbox', { name: /Acepto que el concesionario/ }).click()
    await screen.getByRole('button', { name: 'Enviar' }).click()

    await expect.element(screen.getByRole('heading', { name: /Gracias/ })).toBeVisible()
    const [entry] = await outbox.list()
    expect(entry?.visitor).toMatchObject({ phone: '+33612345678', postcode: '75001' })
  })
})
