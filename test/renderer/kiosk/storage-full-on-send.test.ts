import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { grantRequiredConsent, reachConsents, sendButton, visitorTyped } from '../support/flow'
import { freshOutbox, mount, tearDown } from '../support/mount'
import { seed } from '../support/seed'
import { openStatus } from '../support/staff'

const realAdd = IDBObjectStore.prototype.add

/** Every IndexedDB `add` fails as a full disk makes it fail, until `restore`. */
function fillTheDisk(): void {
  IDBObjectStore.prototype.add = function add(): IDBRequest<IDBValidKey> {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
  }
}

function restore(): void {
  IDBObjectStore.prototype.add = realAdd
}

beforeEach(restore)
afterEach(async () => {
  restore()
  await tearDown()
})

const calmMessage = 'No hemos podido guardar sus datos. Por favor, avise al personal.'

describe('storage-full-on-send', () => {
  it('shows a calm message, keeps the form, thanks no one and keeps earlier entries', async () => {
    const outbox = await freshOutbox()
    const earlier = await seed(outbox, 'pending')
    const { screen, courier } = await mount({ outbox })
    await reachConsents(screen)
    await grantRequiredConsent(screen)
    fillTheDisk()

    await sendButton(screen).click()

    await expect.element(screen.getByRole('alert')).toHaveTextContent(calmMessage)
    await expect.element(screen.getByRole('heading', { name: 'Su privacidad' })).toBeVisible()
    await expect
      .element(screen.getByTestId('visitor-summary'))
      .toHaveTextContent(visitorTyped.email)
    await expect
      .element(screen.getByTestId('visitor-summary'))
      .toHaveTextContent(visitorTyped.lastName)
    await expect.element(sendButton(screen)).toBeEnabled()
    expect(document.body.textContent).not.toContain('Gracias')
    expect(courier.wake).not.toHaveBeenCalledWith('captured')
    restore()
    expect(await outbox.list()).toEqual([earlier])

    await screen.getByRole('button', { name: 'Atrás' }).click()
    await screen.getByRole('button', { name: 'Atrás' }).click()
    await expect
      .element(screen.getByLabelText('Correo electrónico'))
      .toHaveValue(visitorTyped.email)
  })

  it('stores the same form once space is back', async () => {
    const { screen, outbox } = await mount()
    await reachConsents(screen)
    await grantRequiredConsent(screen)
    fillTheDisk()
    await sendButton(screen).click()
    await expect.element(screen.getByRole('alert')).toHaveTextContent(calmMessage)

    restore()
    await sendButton(screen).click()

    await expect
      .element(screen.getByRole('heading', { name: '¡Gracias, José Ángel!' }))
      .toBeVisible()
    expect(await outbox.list()).toHaveLength(1)
  })

  it('raises a storage alert that staff see on the status screen', async () => {
    const { screen } = await mount()
    await reachConsents(screen)
    await grantRequiredConsent(screen)
    fillTheDisk()
    await sendButton(screen).click()
    await expect.element(screen.getByRole('alert')).toHaveTextContent(calmMessage)
    restore()

    await screen.getByRole('button', { name: 'Empezar de nuevo' }).click()
    await screen.getByRole('button', { name: 'Sí, borrar y empezar de nuevo' }).click()
    await openStatus(screen)

    const alert = screen.getByTestId('storage-alert')
    await expect.element(alert).toHaveTextContent('El dispositivo no pudo guardar una entrada')
    await expect.element(alert).toHaveTextContent('El almacenamiento está lleno.')
    await alert.getByRole('button', { name: 'Entendido' }).click()
    await expect.element(alert).not.toBeInTheDocument()
  })
})
