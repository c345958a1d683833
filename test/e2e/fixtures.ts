import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { startSimulator, type Simulator } from '../../src/main/simulator'
import { startHost, type Host } from '../host/server'

/** A LeadCars simulator and a development host wired to it, with a fresh data dir. */
export type Kiosk = {
  sim: Simulator
  host: Host
  dataDir: string
  /** Stops the host and starts a new one on the same data dir (a main-process restart). */
  restartHost(): Promise<Host>
}

async function hostFor(sim: Simulator, dataDir: string, port = 0): Promise<Host> {
  return startHost({
    port,
    dataDir,
    env: {
      LEADCARS_URL: sim.url,
      LEADCARS_TOKEN: sim.token,
      LEADCARS_DEALER: String(sim.reference.dealerId),
      LEADCARS_SITE: String(sim.reference.siteId),
      LEADCARS_CAMPAIGN: sim.reference.campaignCode,
      LEADCARS_LEAD_TYPE: String(sim.reference.showroomLeadTypeId),
    },
  })
}

export const test = base.extend<{ kiosk: Kiosk }>({
  kiosk: async ({}, use) => {
    const sim = await startSimulator()
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-e2e-'))
    const kiosk: Kiosk = {
      sim,
      dataDir,
      host: await hostFor(sim, dataDir),
      async restartHost() {
        // The same port keeps the page's origin, and so its IndexedDB outbox.
        const port = Number(new URL(kiosk.host.url).port)
        await kiosk.host.close()
        kiosk.host = await hostFor(sim, dataDir, port)
        return kiosk.host
      },
    }
    await use(kiosk)
    await kiosk.host.close()
    await sim.close()
    await rm(dataDir, { recursive: true, force: true })
  },
})

export { expect }
export type { Page }
