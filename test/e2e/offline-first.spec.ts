import { expect, test } from './fixtures'
import { backToAttract, captureVisitor, entryStates, inaki, lucia, openSyncStatus } from './visitor'

test('visitors captured while LeadCars is down are thanked at once and delivered when it returns', async ({
  page,
  kiosk,
}) => {
  const { sim } = kiosk
  await sim.goDown()
  await page.goto(kiosk.host.url)

  const started = Date.now()
  await captureVisitor(page, lucia)
  await backToAttract(page)
  await captureVisitor(page, inaki)
  expect(Date.now() - started).toBeLessThan(30_000)

  await openSyncStatus(page)
  await expect.poll(() => entryStates(page)).toEqual(['pending', 'pending'])
  expect(sim.leads()).toHaveLength(0)

  await sim.goUp()

  await expect
    .poll(() => entryStates(page), { timeout: 60_000 })
    .toEqual(['delivered', 'delivered'])
  expect(sim.leads()).toHaveLength(2)
  expect(new Set(sim.leads().map((lead) => lead.body.email))).toEqual(
    new Set([lucia.email, inaki.email]),
  )
})
