import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import {
  createDelivery,
  openDeliveryJournal,
  type Delivery,
  type DeliveryJournal,
  type DeliverySettings,
} from '../../../src/main/delivery'
import type { LeadCarsClientOptions } from '../../../src/main/leadcars'
import { startSimulator, type Simulator } from '../../../src/main/simulator'
import { clientFor } from '../leadcars/fixtures'

export type RestartOptions = { client?: Partial<LeadCarsClientOptions>; journalFile?: string }

/** What the delivery asks of main, as the tests set and observe it. */
export type Hooks = {
  settings: DeliverySettings
  authPaused: boolean
  authFailures: number
  reachability: boolean[]
}

/** Everything one delivery test needs: a simulator, a journal file in a temp dir, the hooks. */
export type Bench = {
  sim: Simulator
  dir: string
  journalPath: string
  journal: DeliveryJournal
  delivery: Delivery
  hooks: Hooks
  /**
   * A new delivery over a journal re-opened from the same file: what a restart of main does.
   * `journalFile` names another file in the same folder (a journal lost in the restart).
   */
  restart(options?: RestartOptions): Promise<Delivery>
  /** Builds the delivery again with other client options (same journal). */
  withClient(client: Partial<LeadCarsClientOptions>): Delivery
  requestsTo(method: string, path: string): number
}

function deliveryOver(
  sim: Simulator,
  journal: DeliveryJournal,
  hooks: Hooks,
  client: Partial<LeadCarsClientOptions>,
): Delivery {
  return createDelivery({
    client: clientFor(sim, client),
    journal,
    settings: () => hooks.settings,
    isAuthPaused: () => hooks.authPaused,
    onAuthFailure: () => (hooks.authFailures += 1),
    onReachability: (reachable) => hooks.reachability.push(reachable),
  })
}

export function useBench(): () => Bench {
  let bench: Bench | undefined
  const journals: DeliveryJournal[] = []

  beforeEach(async () => {
    const sim = await startSimulator()
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-delivery-'))
    const journalPath = join(dir, 'delivery-journal.jsonl')
    const open = async (path = journalPath) => {
      const journal = await openDeliveryJournal(path)
      journals.push(journal)
      return journal
    }
    const hooks: Hooks = {
      settings: { dynamicFieldPlacement: 'custom', automagic: { enabled: false } },
      authPaused: false,
      authFailures: 0,
      reachability: [],
    }
    const journal = await open()
    const current: Bench = {
      sim,
      dir,
      journalPath,
      journal,
      delivery: deliveryOver(sim, journal, hooks, {}),
      hooks,
      restart: async ({ client = {}, journalFile } = {}) => {
        current.journal = await open(journalFile ? join(dir, journalFile) : journalPath)
        current.delivery = deliveryOver(sim, current.journal, hooks, client)
        return current.delivery
      },
      withClient: (client) =>
        (current.delivery = deliveryOver(sim, current.journal, hooks, client)),
      requestsTo: (method, path) =>
        sim.requests().filter((r) => r.method === method && r.path === path).length,
    }
    bench = current
  })

  afterEach(async () => {
    await Promise.all(journals.splice(0).map((journal) => journal.close().catch(() => undefined)))
    await bench?.sim.close()
    if (bench) await rm(bench.dir, { recursive: true, force: true })
    bench = undefined
  })

  return () => {
    if (!bench) throw new Error('the bench is not set up')
    return bench
  }
}
