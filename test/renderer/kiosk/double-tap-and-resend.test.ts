import { afterEach, describe, expect, it } from 'vitest'
import type { Outbox } from '../../../src/renderer/src/outbox'
import { grantRequiredConsent, reachConsents, sendButton } from '../support/flow'
import { freshOutbox, mount, tearDown } from '../support/mount'
import { seed } from '../support/seed'
import { openStatus } from '../support/staff'

afterEach(tearDown)

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** The real outbox, with `add` slowed down so that a second tap lands while the first stores. */
function slowOutbox(outbox: Outbox): Outbox & { adds: number } {
  const slowed = {
    ...outbox,
    adds: 0,
    add: async (draft: Parameters<Outbox['add']>[0]) => {
      slowed.adds += 1
      await pause(300)
      return outbox.add(draft)
    },
  }
  return slowed
}

describe('double-tap-and-resend', () => {
  it('stores one entry when the visitor taps Send twice, 80 ms apart', async () => {
    const outbox = slowOutbox(await freshOutbox())
    const { screen } = await mount({ outbox })
    await reachConsents(screen)
    await grantRequiredConsent(screen)
    const button = sendButton(screen).element() as HTMLButtonElement

    button.click()
    await pause(80)
    button.click()

    await expect.element(screen.getByRole('heading', { name: /Gracias/ })).toBeVisible()
    expect(outbox.adds).toBe(1)
    expect(await outbox.list()).toHaveLength(1)
  })

  it('stores one entry even when the second tap gets past the button (the store guards it)', async () => {
    const outbox = slowOutbox(await freshOutbox())
    const { screen } = await mount({ outbox })
    await reachConsents(screen)
    await grantRequiredConsent(screen)
    const form = document.querySelector('form') as HTMLFormElement

    form.requestSubmit()
    await pause(80)
    form.requestSubmit()
    await pause(400)
    if (form.isConnected) form.requestSubmit()

    await expect.element(screen.getByRole('heading', { name: /Gracias/ })).toBeVisible()
    expect(outbox.adds).toBe(1)
    expect(await outbox.list()).toHaveLength(1)
  })

  it('shows the button busy while the entry is stored', async () => {
    const outbox = slowOutbox(await freshOutbox())
    const { screen } = await mount({ outbox })
    await reachConsents(screen)
    await grantRequiredConsent(screen)

    await sendButton(screen).click()

    await expect.element(screen.getByRole('button', { name: 'Guardando…' })).toBeDisabled()
    await expect.element(screen.getByRole('heading', { name: /Gracias/ })).toBeVisible()
  })

  it('resends a delivered entry only after a confirmation that names the second lead', async () => {
    const outbox = await freshOutbox()
    const entry = await seed(outbox, 'delivered')
    const { screen, courier } = await mount({ outbox })
    await openStatus(screen)

    await screen.getByRole('button', { name: 'Reenviar' }).click()
    const dialog = screen.getByRole('dialog', { name: 'Reenviar una entrada ya entregada' })
    await expect.element(dialog).toHaveTextContent(/segundo lead en LeadCars/)
    await dialog.getByRole('button', { name: 'Cancelar' }).click()
    await expect.element(dialog).not.toBeInTheDocument()
    expect((await outbox.get(entry.reference))?.state).toBe('delivered')

    await screen.getByRole('button', { name: 'Reenviar' }).click()
    await screen.getByRole('button', { name: 'Sí, crear un segundo lead' }).click()

    await expect.poll(async () => (await outbox.get(entry.reference))?.state).toBe('pending')
    const resent = await outbox.get(entry.reference)
    expect(resent?.deliveryKey).toBe(`${entry.reference}-r1`)
    expect(resent?.history.map((record) => record.action)).toContain('resent')
    expect(courier.wake).toHaveBeenCalled()
  })
})
