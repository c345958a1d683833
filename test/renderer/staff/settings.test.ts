import { afterEach, describe, expect, it } from 'vitest'
import { createFakeKioskApi } from '../support/fake-kiosk-api'
import { mount, tearDown } from '../support/mount'
import { openStatus } from '../support/staff'
import type { Screen } from '../support/flow'

afterEach(tearDown)

async function openSettings(screen: Screen): Promise<void> {
  await openStatus(screen)
  await screen.getByRole('button', { name: 'Ajustes' }).click()
  await expect.element(screen.getByRole('heading', { name: 'Ajustes' })).toBeVisible()
}

describe('the settings screen', () => {
  it('takes the token write-only and tests the connection', async () => {
    const { screen, api, courier } = await mount()
    await openSettings(screen)
    const token = screen.getByLabelText('Token de LeadCars')
    await expect.element(token).toHaveAttribute('type', 'password')

    await token.fill('abcdefghij0123456789')
    await screen.getByRole('button', { name: 'Guardar token' }).click()

    await expect.element(screen.getByText('Token guardado.')).toBeVisible()
    await expect.element(token).toHaveValue('')
    expect(api.calls.setToken).toEqual(['abcdefghij0123456789'])
    expect(document.body.innerHTML).not.toContain('abcdefghij0123456789')

    await screen.getByRole('button', { name: 'Probar conexión' }).click()
    await expect.element(screen.getByText('Conexión correcta: 2 tipos de lead.')).toBeVisible()
    expect(courier.wake).toHaveBeenCalledWith('token')
  })

  it('reports a failed connection test with a reason in the screen language', async () => {
    const { screen, api } = await mount()
    api.testConnection = async () => ({
      ok: false,
      error: { kind: 'auth', message: 'LeadCars refused the token', status: 401 },
    })
    await openSettings(screen)

    await screen.getByRole('button', { name: 'Probar conexión' }).click()

    await expect
      .element(screen.getByText('La prueba ha fallado: LeadCars ha rechazado el token'))
      .toBeVisible()
    expect(document.body.textContent).not.toContain('LeadCars refused the token')
  })

  it('fills the pickers from LeadCars, preselects the showroom lead type, and saves', async () => {
    const api = createFakeKioskApi({ settings: { routing: {} } })
    const { screen } = await mount({ api })
    await openSettings(screen)

    await screen.getByRole('button', { name: 'Cargar listas de LeadCars' }).click()
    await expect.element(screen.getByLabelText('Tipo de lead')).toHaveValue('31')
    await screen.getByLabelText('Concesionario').selectOptions('Automóviles Sierra')
    await screen.getByLabelText('Sede').selectOptions('Sede Centro')
    await screen.getByLabelText('Campaña').selectOptions('Expo primavera')
    await screen.getByLabelText('Envíos en paralelo').selectOptions('2')
    await screen.getByLabelText('Días que se guardan los datos tras la entrega').fill('14')
    await screen.getByLabelText('Campos dinámicos').selectOptions('root')
    await screen.getByRole('button', { name: 'Guardar ajustes' }).click()

    await expect.element(screen.getByText('Ajustes guardados.')).toBeVisible()
    expect(api.calls.saveSettings.at(-1)).toMatchObject({
      routing: { dealerId: 11, siteId: 21, campaignCode: 'EXPO 2026', leadTypeId: 31 },
      parallelDeliveries: 2,
      retentionDays: 14,
      dynamicFieldPlacement: 'root',
      environment: 'demo',
    })
    expect(api.calls.getReferenceLists).toContain(11)
  })

  it('sends a custom API address only for the custom environment', async () => {
    const { screen, api } = await mount()
    await openSettings(screen)

    await screen.getByLabelText('Entorno').selectOptions('custom')
    await screen.getByLabelText('Dirección de la API').fill('http://127.0.0.1:8080/api/v2')
    await screen.getByRole('button', { name: 'Guardar ajustes' }).click()

    await expect.element(screen.getByText('Ajustes guardados.')).toBeVisible()
    expect(api.calls.saveSettings.at(-1)).toMatchObject({
      environment: 'custom',
      customBaseUrl: 'http://127.0.0.1:8080/api/v2',
    })
  })

  it('changes the staff PIN only with matching new PINs', async () => {
    const { screen, api } = await mount()
    await openSettings(screen)

    await screen.getByLabelText('PIN actual').fill('2468')
    await screen.getByLabelText('PIN nuevo (4 a 8 cifras)').fill('1357')
    await screen.getByLabelText('Repita el PIN nuevo').fill('1358')
    await screen.getByRole('button', { name: 'Cambiar PIN' }).click()
    await expect
      .element(screen.getByText('Los PIN nuevos no coinciden o no tienen de 4 a 8 cifras.'))
      .toBeVisible()
    expect(api.calls.setStaffPin).toEqual([])

    await screen.getByLabelText('PIN nuevo (4 a 8 cifras)').fill('1357')
    await screen.getByLabelText('Repita el PIN nuevo').fill('1357')
    await screen.getByRole('button', { name: 'Cambiar PIN' }).click()

    await expect.element(screen.getByText('PIN cambiado.')).toBeVisible()
    expect(api.pin).toBe('1357')
  })
})
