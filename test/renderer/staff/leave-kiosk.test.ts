import { afterEach, describe, expect, it } from 'vitest'
import { tearDown, mount } from '../support/mount'
import { openStatus } from '../support/staff'

afterEach(tearDown)

describe('leaving the staff area and the kiosk', () => {
  it('asks for confirmation before it asks main to leave the kiosk', async () => {
    const { screen, api } = await mount()
    await openStatus(screen)

    await screen.getByRole('button', { name: 'Salir del quiosco' }).click()
    const dialog = screen.getByRole('dialog', { name: '¿Salir del quiosco?' })
    await expect.element(dialog).toBeVisible()
    expect(api.calls.exitKiosk).toBe(0)

    await dialog.getByRole('button', { name: 'Cancelar' }).click()
    await expect.element(dialog).not.toBeInTheDocument()
    expect(api.calls.exitKiosk).toBe(0)

    await screen.getByRole('button', { name: 'Salir del quiosco' }).click()
    await dialog.getByRole('button', { name: 'Salir del quiosco' }).click()
    await expect.poll(() => api.calls.exitKiosk).toBe(1)
  })

  it('shows why the kiosk could not close', async () => {
    const { screen, api } = await mount()
    api.exitKiosk = async () => ({
      ok: false,
      error: { kind: 'auth', message: 'Staff PIN required' },
    })
    await openStatus(screen)

    await screen.getByRole('button', { name: 'Salir del quiosco' }).click()
    const dialog = screen.getByRole('dialog', { name: '¿Salir del quiosco?' })
    await dialog.getByRole('button', { name: 'Salir del quiosco' }).click()

    await expect
      .element(dialog.getByRole('alert'))
      .toHaveTextContent('No se ha podido cerrar el quiosco: Staff PIN required')
  })

  it('ends the staff session in main when staff go back to the kiosk', async () => {
    const { screen, api } = await mount()
    await openStatus(screen)
    expect(api.calls.endStaffSession).toBe(0)

    await screen.getByRole('button', { name: 'Volver al quiosco' }).click()

    await expect.element(screen.getByRole('button', { name: 'Toque para empezar' })).toBeVisible()
    expect(api.calls.endStaffSession).toBe(1)
    expect(api.calls.exitKiosk).toBe(0)
  })
})
