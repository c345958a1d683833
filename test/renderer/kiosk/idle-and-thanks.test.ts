import { afterEach, describe, expect, it } from 'vitest'
import IdleGuard from '../../../src/renderer/src/components/kiosk/IdleGuard.vue'
import ThankYou from '../../../src/renderer/src/components/kiosk/ThankYou.vue'
import { useKioskStore } from '../../../src/renderer/src/stores/kiosk'
import { useSettingsStore } from '../../../src/renderer/src/stores/settings'
import { createFakeKioskApi } from '../support/fake-kiosk-api'
import { start } from '../support/flow'
import { mount, tearDown } from '../support/mount'

afterEach(tearDown)

describe('leaving the kiosk clean', () => {
  it('asks an idle visitor whether they are still there, and keeps the form if they are', async () => {
    const { screen } = await mount({ api: createFakeKioskApi({ settings: { idleSeconds: 1 } }) })
    await start(screen)
    await screen.getByLabelText('Nombre', { exact: true }).fill('Lucía')

    const question = screen.getByRole('alertdialog', { name: '¿Sigue ahí?' })
    await expect.element(question, { timeout: 8000 }).toBeVisible()
    await question.getByRole('button', { name: 'Sí, continuar' }).click()

    await expect.element(question).not.toBeInTheDocument()
    await expect.element(screen.getByLabelText('Nombre', { exact: true })).toHaveValue('Lucía')
  })

  it('wipes the form when the countdown ends with no answer', async () => {
    const api = createFakeKioskApi({ settings: { idleSeconds: 1 } })
    await mount({ api, component: IdleGuard, props: { countdownSeconds: 1 } })
    await useSettingsStore().load()
    const kiosk = useKioskStore()
    kiosk.start()
    kiosk.form.firstName = 'Lucía'

    await expect.poll(() => kiosk.step, { timeout: 10_000 }).toBe('attract')
    expect(kiosk.form.firstName).toBe('')
  })

  it('returns from the thank-you to the attract screen by itself', async () => {
    await mount({ component: ThankYou, props: { returnAfterMs: 200 } })
    const kiosk = useKioskStore()
    kiosk.step = 'thanks'

    await expect.poll(() => kiosk.step, { timeout: 5000 }).toBe('attract')
  })
})
