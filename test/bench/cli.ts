import 'fake-indexeddb/auto'
import { fastTempRoot } from '../main/integration/harness'
import {
  captureLatencies,
  deliveryRate,
  dueCosts,
  heapAfterDelivery,
  journalAppendCosts,
  median,
  quantile,
} from './measures'

/**
 * `npm run bench`: the delivery path's costs on this machine, as one table. Each figure is the
 * median over `runs` repeated runs. The outbox runs on fake-indexeddb (in memory, in Node), so
 * capture latency here is not Chromium's; the journal and the core's data folder are on the OS
 * temp folder's disk unless a row says RAM disk.
 */

const runs = 3
const seed = 20_261_204

type Row = [measure: string, value: string, note: string]

async function main(): Promise<void> {
  const started = performance.now()
  const rows: Row[] = [
    ...(await captureRows()),
    ...(await dueRows()),
    ...(await throughputRows()),
    ...(await journalRows()),
    ...(await heapRows()),
  ]
  const seconds = (performance.now() - started) / 1000
  console.log(table(rows))
  console.log(`\n${runs} runs per figure, medians; ${seconds.toFixed(0)} s in all.`)
}

async function captureRows(): Promise<Row[]> {
  const perRun = await repeat(() => captureLatencies(500, seed))
  const medians = perRun.map((latencies) => median(latencies))
  const p95s = perRun.map((latencies) => quantile(latencies, 0.95))
  const note = 'outbox.add, 500 adds, fake-indexeddb in Node'
  return [
    ['capture latency, median (ms)', fixed(median(medians), 2), note],
    ['capture latency, p95 (ms)', fixed(median(p95s), 2), note],
  ]
}

async function dueRows(): Promise<Row[]> {
  const sizes = [100, 2_000]
  const perRun = await repeat(() => dueCosts(sizes, 10, seed))
  return sizes.map((size, column) => [
    `next due entry, ${size.toLocaleString('en')} waiting (ms)`,
    fixed(median(perRun.map((costs) => costs[column]!)), 1),
    'outbox.due(now, 5), as a courier lane takes an entry; fake-indexeddb',
  ])
}

async function throughputRows(): Promise<Row[]> {
  const count = 100
  const rate = async (parallel: number, tempRoot?: string): Promise<number> =>
    median(await repeat(() => deliveryRate(parallel, count, { tempRoot, seed })))
  const one = await rate(1)
  const four = await rate(4)
  const fourInRam = await rate(4, fastTempRoot())
  const note = `${count} entries waiting, simulator on 127.0.0.1, no faults`
  return [
    ['delivery, parallel 1 (entries/s)', fixed(one, 1), note],
    ['delivery, parallel 4 (entries/s)', fixed(four, 1), note],
    ['delivery, parallel 4 / parallel 1', fixed(four / one, 2), 'ratio'],
    ['delivery, parallel 4, RAM disk (entries/s)', fixed(fourInRam, 1), `${note}; journal in RAM`],
  ]
}

async function journalRows(): Promise<Row[]> {
  const onDisk = await repeat(() => journalAppendCosts(500))
  const inRam = await repeat(() => journalAppendCosts(500, fastTempRoot()))
  const note = 'one JSON line + fdatasync, 500 records one after the other'
  const medianOf = (perRun: number[][], q: number) => median(perRun.map((c) => quantile(c, q)))
  return [
    ['journal append, median (ms per record)', fixed(medianOf(onDisk, 0.5), 2), note],
    ['journal append, p95 (ms per record)', fixed(medianOf(onDisk, 0.95), 2), note],
    ['journal append, RAM disk, median (ms)', fixed(medianOf(inRam, 0.5), 3), note],
  ]
}

async function heapRows(): Promise<Row[]> {
  const heap = await heapAfterDelivery(2_000, { tempRoot: fastTempRoot(), wave: 200, seed })
  const note = 'one run; fake-indexeddb and the simulator hold their data in this heap'
  return [
    ['heap used before capture (MB)', fixed(heap.beforeMb, 1), 'after a full collection'],
    ['heap used after 2,000 delivered (MB)', fixed(heap.afterMb, 1), note],
    ['2,000 delivered in waves of 200 (s)', fixed(heap.seconds, 1), 'parallel 4, journal in RAM'],
  ]
}

async function repeat<T>(run: () => Promise<T>): Promise<T[]> {
  const results: T[] = []
  for (let index = 0; index < runs; index += 1) results.push(await run())
  return results
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits)
}

function table(rows: Row[]): string {
  const header: Row = ['measure', 'value', 'how']
  const widths = [0, 1].map((column) =>
    Math.max(...[header, ...rows].map((row) => row[column]!.length)),
  )
  const line = (row: Row): string =>
    `${row[0].padEnd(widths[0]!)}  ${row[1].padStart(widths[1]!)}  ${row[2]}`
  return [line(header), ...rows.map(line)].join('\n')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
