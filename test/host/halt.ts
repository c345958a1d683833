import { open, type FileHandle } from 'node:fs/promises'
import { z } from 'zod'
import { journalRecord, type JournalRecord } from '../../src/main/delivery/journal-records'
import { stepNames } from '../../src/shared/entry'

/**
 * A crash point for a host child process (tests only, never packaged). The process freezes at
 * one boundary of one delivery step, as the delivery journal's own writes mark it, so that the
 * test can kill it there:
 *
 * - `before-request`: the step's "started" marker is on disk and its request has not left;
 * - `before-record`: LeadCars answered the step and its "done" record was not written.
 *
 * The journal is found by what it writes: a line that parses as a journal record. A frozen
 * write never settles, so nothing after it happens until the process is killed.
 */
export const haltPointSchema = z.object({
  boundary: z.enum(['before-request', 'before-record']),
  step: z.enum(stepNames),
})

export type HaltPoint = z.infer<typeof haltPointSchema>

type AppendFile = FileHandle['appendFile']

/** Patches file appends in this process; `onHalt` is called once, when the point is reached. */
export async function installHalt(point: HaltPoint, onHalt: () => void): Promise<void> {
  const prototype = await fileHandlePrototype()
  const append = prototype.appendFile
  let halted = false

  const freeze = (): Promise<never> => {
    if (!halted) onHalt()
    halted = true
    return new Promise<never>(() => undefined)
  }

  prototype.appendFile = async function (this: FileHandle, data, options) {
    if (halted) return freeze()
    const record = journalLine(data)
    if (record && reachedBeforeWrite(record, point)) return freeze()
    await append.call(this, data, options)
    if (record && reachedAfterWrite(record, point)) return freeze()
  }
}

async function fileHandlePrototype(): Promise<{ appendFile: AppendFile }> {
  const handle = await open(process.execPath, 'r')
  const prototype: { appendFile: AppendFile } = Object.getPrototypeOf(handle)
  await handle.close()
  return prototype
}

function journalLine(data: unknown): JournalRecord | null {
  if (typeof data !== 'string') return null
  try {
    const parsed = journalRecord.safeParse(JSON.parse(data))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function reachedBeforeWrite(record: JournalRecord, point: HaltPoint): boolean {
  return point.boundary === 'before-record' && record.t === 'done' && point.step in record.steps
}

function reachedAfterWrite(record: JournalRecord, point: HaltPoint): boolean {
  return point.boundary === 'before-request' && record.t === 'started' && record.step === point.step
}
