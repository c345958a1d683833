import { afterEach, describe, expect, it } from 'vitest'
import { start } from '../support/flow'
import { mount, tearDown } from '../support/mount'

afterEach(tearDown)

describe('start again', () => {
  it('asks before erasing what the visitor typed, and keeps it on "No"', async () => {
    const { screen } = await mount()
    await start(screen)
    const firstName = screen.getByLabelText('Nombre', { exact: true })
    await firstName.fill('Ana')

    await screen.getByRole('button', { name: 'Empezar de nuevo' }).click()

    const dialog = screen.getByRole('dialog', { name: '¿Empezar de nuevo?' })
    await expect.element(dialog).toBeVisible()
    await expect
      .element(dialog.getByRole('button', { name: 'No, seguir con el formulario' }))
      .toHaveFocus()
    await dialog.getByRole('button', { name: 'No, seguir con el formulario' }).click()
    await expect.element(dialog).not.toBeInTheDocument()
    await expect.element(firstName).toHaveValue('Ana')

    await screen.getByRole('button', { name: 'Empezar de nuevo' }).click()
    await screen.getByRole('button', { name: 'Sí, borrar y empezar de nuevo' }).click()

    await expect.element(screen.getByRole('button', { name: 'Toque para empezar' })).toBeVisible()
    await start(screen)
    await expect.element(screen.getByLabelText('Nombre', { exact: true })).toHaveValue('')
  })

  it('starts again at once when nothing was typed', async () => {
    const { screen } = await mount()
    await start(screen)

    await screen.getByRole('button', { name: 'Empezar de nuevo' }).click()

    await expect.element(screen.getByRole('button', { name: 'Toque para empezar' })).toBeVisible()
  })
})
