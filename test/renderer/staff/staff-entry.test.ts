import { afterEach, describe, expect, it } from 'vitest'
import { tearDown, mount } from '../support/mount'
import { openPinPad, typePin } from '../support/staff'

afterEach(tearDown)

const pinHeading = { name: 'Introduzca el PIN del personal' }

function press(element: Element, type: 'pointerdown' | 'pointerup'): void {
  element.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerId: 1, isPrimary: true }))
}

describe('the hidden staff entry', () => {
  it('has an accessible name and opens the PIN pad after a 2-second press', async () => {
    const { screen } = await mount()
    const corner = screen.getByTestId('staff-entry')
    await expect.element(corner).toHaveAccessibleName('Acceso del personal (mantenga pulsado)')

    press(corner.element(), 'pointerdown')

    await expect.element(screen.getByRole('heading', pinHeading), { timeout: 6000 }).toBeVisible()
  })

  it('does nothing on a short press', async () => {
    const { screen } = await mount()
    const corner = screen.getByTestId('staff-entry').element()

    press(corner, 'pointerdown')
    await new Promise((done) => setTimeout(done, 200))
    press(corner, 'pointerup')
    await new Promise((done) => setTimeout(done, 2500))

    expect(document.body.textContent).not.toContain(pinHeading.name)
    await expect.element(screen.getByRole('button', { name: 'Toque para empezar' })).toBeVisible()
  })

  it('refuses a wrong PIN and lets the right one in', async () => {
    const { screen, api } = await mount()
    await openPinPad(screen)

    await typePin(screen, '1111')
    await expect.element(screen.getByRole('alert')).toHaveTextContent('PIN incorrecto.')
    await expect.element(screen.getByRole('heading', pinHeading)).toBeVisible()
    await expect.element(screen.getByLabelText('PIN')).toHaveValue('')

    await typePin(screen, '2468')
    await expect.element(screen.getByRole('heading', { name: 'Estado de envíos' })).toBeVisible()
    expect(api.calls.verifyStaffPin).toEqual(['1111', '2468'])
  })

  it('says so when main cannot check the PIN', async () => {
    const { screen, api } = await mount()
    api.verifyStaffPin = async () => ({
      ok: false,
      error: { kind: 'storage', message: 'settings unreadable' },
    })
    await openPinPad(screen)

    await typePin(screen, '2468')

    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent(
        'No se ha podido comprobar el PIN: El dispositivo no ha podido guardar los datos',
      )
    expect(document.body.textContent).not.toContain('settings unreadable')
    await expect.element(screen.getByRole('heading', pinHeading)).toBeVisible()
  })

  it('goes back to a clean attract screen when staff leave', async () => {
    const { screen } = await mount()
    await openPinPad(screen)

    await screen.getByRole('button', { name: 'Volver al quiosco' }).click()

    await expect.element(screen.getByRole('button', { name: 'Toque para empezar' })).toBeVisible()
  })
})
