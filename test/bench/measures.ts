import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Dexie } from 'dexie'
import { openDeliveryJournal } from '../../src/main/delivery'
import { openOutbox } from '../../src/renderer/src/outbox'
import { seededDice } from '../main/integration/dice'
import { startRig, type Rig } from '../main/integration/harness'
import { draftFor, routingOf } from '../main/integration/visitors'

/** One measure per function; each returns plain numbers, the CLI takes medians and prints. */

export function median(values: number[]): number {
  return quantile(values, 0.5)
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)
}

/** Milliseconds of each `outbox.add` of `count` visitors, on a fresh outbox. */
export async function captureLatencies(count: number, seed: number): Promise<number[]> {
  const name = `bench-${randomUUID()}`
  const outbox = await openOutbox(name)
  const dice = seededDice(seed)
  const routing = { dealerId: 1, siteId: 1, leadTypeId: 1 }
  const latencies: number[] = []
  try {
    for (let index = 0; index < count; index += 1) {
      const draft = draftFor(index, dice, routing)
      const started = performance.now()
      await outbox.add(draft)
      latencies.push(performance.now() - started)
    }
  } finally {
    outbox.close()
    await Dexie.delete(name)
  }
  return latencies
}

/**
 * Milliseconds one `outbox.due(now, 5)` takes (the courier's way to take the next entry) with
 * each number of entries waiting: median of `samples` calls per size, on one growing outbox.
 */
export async function dueCosts(sizes: number[], samples: number, seed: number): Promise<number[]> {
  const name = `bench-${randomUUID()}`
  const outbox = await openOutbox(name)
  const dice = seededDice(seed)
  const routing = { dealerId: 1, siteId: 1, leadTypeId: 1 }
  const costs: number[] = []
  let stored = 0
  try {
    for (const size of sizes) {
      for (; stored < size; stored += 1) await outbox.add(draftFor(stored, dice, routing))
      costs.push(median(await timed(samples, () => outbox.due(Date.now() + 1_000, 5))))
    }
  } finally {
    outbox.close()
    await Dexie.delete(name)
  }
  return costs
}

async function timed(samples: number, run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = []
  for (let index = 0; index < samples; index += 1) {
    const started = performance.now()
    await run()
    times.push(performance.now() - started)
  }
  return times
}

/** Entries per second delivered by a courier `parallel` lanes wide, `count` entries waiting. */
export async function deliveryRate(
  parallel: number,
  count: number,
  options: { tempRoot?: string; seed: number },
): Promise<number> {
  const rig = await startRig({ tempRoot: options.tempRoot })
  try {
    await captureMany(rig, count, options.seed)
    const started = performance.now()
    const courier = rig.startCourier({ parallel: () => parallel })
    await courier.sendNow()
    await allDelivered(rig, count)
    return count / ((performance.now() - started) / 1000)
  } finally {
    await rig.close()
  }
}

/** Milliseconds per journal record: `count` records appended one after the other. */
export async function journalAppendCosts(count: number, root = tmpdir()): Promise<number[]> {
  const dir = await mkdtemp(join(root, 'kiosk-bench-journal-'))
  const journal = await openDeliveryJournal(join(dir, 'delivery-journal.jsonl'))
  const costs: number[] = []
  try {
    for (let index = 0; index < count; index += 1) {
      const started = performance.now()
      await journal.markStarted(`bench-${index % 50}-${randomUUID()}`, 'lead')
      costs.push(performance.now() - started)
    }
  } finally {
    await journal.close()
    await rm(dir, { recursive: true, force: true })
  }
  return costs
}

export type HeapReport = { beforeMb: number; afterMb: number; seconds: number }

/** Heap in use (after a full collection) before, and after `count` entries were delivered. */
export async function heapAfterDelivery(
  count: number,
  options: { tempRoot?: string; wave: number; seed: number },
): Promise<HeapReport> {
  const rig = await startRig({ tempRoot: options.tempRoot })
  try {
    const beforeMb = heapMb()
    const started = performance.now()
    const courier = rig.startCourier({ parallel: () => 4 })
    for (let done = 0; done < count; done += options.wave) {
      await captureMany(rig, Math.min(options.wave, count - done), options.seed + done, done)
      await courier.sendNow()
      await allDelivered(rig, Math.min(count, done + options.wave))
    }
    const seconds = (performance.now() - started) / 1000
    return { beforeMb, afterMb: heapMb(), seconds }
  } finally {
    await rig.close()
  }
}

async function captureMany(rig: Rig, count: number, seed: number, first = 0): Promise<void> {
  const dice = seededDice(seed)
  const routing = routingOf(rig.sim.reference)
  for (let index = first; index < first + count; index += 1) {
    await rig.outbox.add(draftFor(index, dice, routing))
  }
}

async function allDelivered(rig: Rig, count: number): Promise<void> {
  while ((await rig.outbox.counts()).delivered < count) await sleep(50)
}

let collect: (() => void) | null = null

/** Heap used after a full collection, in MB; the collector is reached through V8's own flag. */
function heapMb(): number {
  if (!collect) {
    setFlagsFromString('--expose-gc')
    collect = runInNewContext('gc') as () => void
  }
  collect()
  return process.memoryUsage().heapUsed / (1024 * 1024)
}
