import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { startHost, type Host } from '../host/server'
import { captureVisitor, lucia, openSyncStatus } from './visitor'

/**
 * Walks every screen in Spanish and English at a kiosk's size, saves a screenshot of each in
 * test-results/screens/ to look at, and checks what a screenshot alone would not prove: nothing
 * overflows the screen sideways, and the on-screen keyboard never covers the focused field.
 */

const shots = 'test-results/screens'

/** A host in demo mode: no LeadCars configured, the embedded simulator, the DEMO banner. */
const test = base.extend<{ demo: Host }>({
  demo: async ({}, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-screens-'))
    const host = await startHost({ dataDir })
    await use(host)
    await host.close()
    await rm(dataDir, { recursive: true, force: true })
  },
})

async function shoot(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow, `${name} overflows sideways`).toBeLessThanOrEqual(0)
  await page.screenshot({ path: `${shots}/${name}.png` })
}

async function focusedFieldIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const field = document.activeElement
    const keyboard = document.querySelector('[data-testid="on-screen-keyboard"]')
    if (!(field instanceof HTMLInputElement) || !keyboard) return false
    const a = field.getBoundingClientRect()
    const b = keyboard.getBoundingClientRect()
    return a.bottom <= b.top || a.top >= b.bottom
  })
}

for (const language of ['es', 'en'] as const) {
  test(`every kiosk screen in ${language}`, async ({ page, demo }) => {
    await page.setViewportSize({ width: 1080, height: 1920 / 1.5 })
    await page.goto(demo.url)
    await expect(page.getByRole('button', { name: 'Toque para empezar' })).toBeVisible()
    if (language === 'en') await page.getByRole('button', { name: 'English' }).click()
    await shoot(page, `${language}-1-attract`)

    await expect(page.getByText('DEMO', { exact: true })).toBeVisible()
    await page.getByRole('button', { name: /^(Toque para empezar|Touch to start)$/ }).click()
    await page.locator('input').first().click()
    await expect(page.getByTestId('on-screen-keyboard')).toBeVisible()
    expect(await focusedFieldIsVisible(page)).toBe(true)
    await shoot(page, `${language}-2-name-keyboard`)

    await page.locator('input').nth(0).fill('Lucía')
    await page.locator('input').nth(1).fill('Fernández')
    await page.getByRole('button', { name: /^(Continuar|Continue)$/ }).click()
    await page.getByRole('textbox', { name: /^(Correo electrónico|Email)$/ }).click()
    expect(await focusedFieldIsVisible(page)).toBe(true)
    await shoot(page, `${language}-3-contact-keyboard`)
  })
}

test('consents, thank-you and staff status in Spanish', async ({ page, demo }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(demo.url)
  await captureVisitor(page, lucia, { marketing: true, brand: false }, async () => {
    await shoot(page, 'es-4-consents')
  })
  await shoot(page, 'es-5-thanks')
  await openSyncStatus(page)
  await expect(page.getByTestId('entry-row')).toHaveAttribute('data-state', 'delivered', {
    timeout: 20_000,
  })
  await shoot(page, 'es-6-status')
})
