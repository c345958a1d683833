import { afterEach, describe, expect, it } from 'vitest'
import { createFakeKioskApi } from './support/fake-kiosk-api'
import { fillContact, fillName, skipInterest, start, visitorTyped } from './support/flow'
import { mount, tearDown, type Mounted } from './support/mount'
import { openPinPad, typePin } from './support/staff'

afterEach(tearDown)

async function bannerShown({ screen }: Mounted): Promise<void> {
  const banner = screen.getByTestId('demo-banner')
  await expect.element(banner).toBeVisible()
  await expect.element(banner).toHaveTextContent('DEMO')
  await expect
    .element(banner)
    .toHaveTextContent('Modo demostración: los datos van a un simulador local')
}

describe('the DEMO banner', () => {
  it('is on every kiosk screen in demo mode', async () => {
    const mounted = await mount({ api: createFakeKioskApi({ status: { demo: true } }) })
    const { screen } = mounted

    await bannerShown(mounted)
    await start(screen)
    await bannerShown(mounted)
    await fillName(screen, visitorTyped)
    await bannerShown(mounted)
    await fillContact(screen, visitorTyped)
    await bannerShown(mounted)
    await skipInterest(screen)
    await bannerShown(mounted)
    await screen.getByRole('checkbox', { name: /Acepto que el concesionario/ }).click()
    await screen.getByRole('button', { name: 'Enviar' }).click()
    await expect.element(screen.getByRole('heading', { name: /Gracias/ })).toBeVisible()
    await bannerShown(mounted)
  })

  it('is on every staff screen in demo mode', async () => {
    const mounted = await mount({ api: createFakeKioskApi({ status: { demo: true } }) })
    const { screen } = mounted

    await openPinPad(screen)
    await bannerShown(mounted)
    await typePin(screen, '2468')
    await expect.element(screen.getByRole('heading', { name: 'Estado de envíos' })).toBeVisible()
    await bannerShown(mounted)
    await screen.getByRole('button', { name: 'Ajustes' }).click()
    await expect.element(screen.getByRole('heading', { name: 'Ajustes' })).toBeVisible()
    await bannerShown(mounted)
  })

  it('is absent outside demo mode and appears when main reports demo mode', async () => {
    const { screen, api } = await mount()
    await expect.element(screen.getByRole('button', { name: 'Toque para empezar' })).toBeVisible()
    await expect.element(screen.getByTestId('demo-banner')).not.toBeInTheDocument()

    api.emit({ type: 'status', status: { ...api.status, demo: true } })

    await expect.element(screen.getByTestId('demo-banner')).toBeVisible()
  })

  it('speaks the visitor language', async () => {
    const { screen } = await mount({ api: createFakeKioskApi({ status: { demo: true } }) })

    await screen.getByRole('button', { name: 'English' }).click()

    await expect
      .element(screen.getByTestId('demo-banner'))
      .toHaveTextContent('Demo mode: entries go to a local simulator')
  })
})
