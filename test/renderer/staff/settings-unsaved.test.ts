import { afterEach, describe, expect, it } from 'vitest'
import { useKioskStore } from '../../../src/renderer/src/stores/kiosk'
import { mount, tearDown } from '../support/mount'
import { openStatus } from '../support/staff'
import type { Screen } from '../support/flow'

afterEach(tearDown)

const hint = 'Guarde los ajustes antes de probar la conexión.'

async function openSettings(screen: Screen): Promise<void> {
  await openStatus(screen)
  await screen.getByRole('button', { name: 'Ajustes' }).click()
  await expect.element(screen.getByRole('heading', { name: 'Ajustes' })).toBeVisible()
}

const testButton = (screen: Screen) => screen.getByRole('button', { name: 'Probar conexión' })
const listsButton = (screen: Screen) =>
  screen.getByRole('button', { name: 'Cargar listas de LeadCars' })

describe('connection checks with unsaved settings', () => {
  it('waits for a new environment to be saved before testing it', async () => {
    const { screen, api } = await mount()
    await openSettings(screen)
    await expect.element(testButton(screen)).toBeEnabled()

    await screen.getByLabelText('Entorno').selectOptions('sandbox')

    await expect.element(testButton(screen)).toBeDisabled()
    await expect.element(listsButton(screen)).toBeDisabled()
    await expect.element(screen.getByText(hint).first()).toBeVisible()
    const listsBefore = [...api.calls.getReferenceLists]
    await testButton(screen).click({ force: true })
    await listsButton(screen).click({ force: true })
    await screen.getByLabelText('Concesionario').selectOptions('Motor Levante')
    expect(api.calls.testConnection).toBe(0)
    expect(api.calls.getReferenceLists).toEqual(listsBefore)

    await screen.getByRole('button', { name: 'Guardar ajustes' }).click()
    await expect.element(screen.getByText('Ajustes guardados.')).toBeVisible()

    await expect.element(testButton(screen)).toBeEnabled()
    await expect.element(screen.getByText(hint)).not.toBeInTheDocument()
    await testButton(screen).click()
    await expect.poll(() => api.calls.testConnection).toBe(1)
    await listsButton(screen).click()
    await expect.poll(() => api.calls.getReferenceLists).toEqual([...listsBefore, 12])
  })

  it('waits for a typed custom address, and again when it is edited after saving', async () => {
    const { screen, api } = await mount()
    await openSettings(screen)

    await screen.getByLabelText('Entorno').selectOptions('custom')
    await screen.getByLabelText('Dirección de la API').fill('http://127.0.0.1:8080/api/v2')
    await expect.element(testButton(screen)).toBeDisabled()

    await screen.getByRole('button', { name: 'Guardar ajustes' }).click()
    await expect.element(screen.getByText('Ajustes guardados.')).toBeVisible()
    expect(api.settings.baseUrl).toBe('http://127.0.0.1:8080/api/v2')
    await expect.element(testButton(screen)).toBeEnabled()

    await screen.getByLabelText('Dirección de la API').fill('http://127.0.0.1:8081/api/v2')
    await expect.element(testButton(screen)).toBeDisabled()
  })

  it('says it in English too', async () => {
    const { screen, pinia } = await mount()
    await openSettings(screen)
    useKioskStore(pinia).setLanguage('en')

    await screen.getByLabelText('Environment').selectOptions('production')

    await expect
      .element(screen.getByText('Save the settings before testing the connection.').first())
      .toBeVisible()
  })
})
