import { afterEach, describe, expect, it } from 'vitest'
import { useKioskStore } from '../../../src/renderer/src/stores/kiosk'
import { freshOutbox, mount, tearDown } from '../support/mount'
import { seed } from '../support/seed'
import { openStatus, rows } from '../support/staff'

afterEach(tearDown)

const pad = (value: number) => String(value).padStart(2, '0')

describe('staff dates', () => {
  it('writes English dates day first (en-GB) with a 24-hour clock, like Spanish ones', async () => {
    const outbox = await freshOutbox()
    const entry = await seed(outbox, 'pending')
    const { screen, pinia } = await mount({ outbox })
    await openStatus(screen)
    await expect.poll(() => rows().length).toBe(1)
    const captured = new Date(entry.capturedAt)
    const dayFirst = `${pad(captured.getDate())}/${pad(captured.getMonth() + 1)}/${captured.getFullYear()}`
    const time = `${pad(captured.getHours())}:${pad(captured.getMinutes())}`
    const firstCell = () => rows()[0]?.querySelector('td')?.textContent?.trim()

    expect(firstCell()).toMatch(/^\d{1,2}\/\d{1,2}\/\d{2}, \d{1,2}:\d{2}$/)
    expect(firstCell()?.startsWith(`${captured.getDate()}/${captured.getMonth() + 1}/`)).toBe(true)

    useKioskStore(pinia).setLanguage('en')

    await expect.poll(firstCell).toBe(`${dayFirst}, ${time}`)
  })
})

describe('the resend-delivered dialog', () => {
  it('makes Cancel the primary, focused choice and the second lead the danger one', async () => {
    const outbox = await freshOutbox()
    await seed(outbox, 'delivered')
    const { screen } = await mount({ outbox })
    await openStatus(screen)

    await screen.getByRole('button', { name: 'Reenviar' }).click()

    const dialog = screen.getByRole('dialog', { name: 'Reenviar una entrada ya entregada' })
    const cancel = dialog.getByRole('button', { name: 'Cancelar' })
    const resend = dialog.getByRole('button', { name: 'Sí, crear un segundo lead' })
    await expect.element(cancel).toHaveClass('primary')
    await expect.element(cancel).toHaveFocus()
    await expect.element(resend).not.toHaveClass('primary')
    await expect.element(resend).toHaveClass('danger')
  })
})
