import type { DeliveryOutcome } from '../../../shared/entry'
import type { KioskError } from '../../../shared/errors'
import { attemptDelivery, type AttemptContext } from './attempt'
import { OutboxWriteError } from './errors'
import type { OutboxEntry } from './model'

export type PassOptions = {
  attempt: AttemptContext
  /** How many entries may be in flight at once. */
  width: number
  /** Checked before each entry is taken: true stops the lanes taking more. */
  halted: () => boolean
  onOutcome: (outcome: DeliveryOutcome) => void
  onError: (error: KioskError) => void
}

/**
 * One pass over the due entries: `width` lanes, each taking the next due entry no lane took yet
 * in this pass, until none is left. An entry is attempted at most once per pass, so an entry
 * main reports busy is not asked about again until the next pass.
 */
export async function deliverDue(options: PassOptions): Promise<void> {
  const taken = new Set<string>()
  const lanes = Array.from({ length: options.width }, () => lane(options, taken))
  await Promise.all(lanes)
}

async function lane(options: PassOptions, taken: Set<string>): Promise<void> {
  while (!options.halted()) {
    const entry = await nextEntry(options, taken)
    if (!entry) return
    await attemptOne(options, entry.reference)
  }
}

async function nextEntry(options: PassOptions, taken: Set<string>): Promise<OutboxEntry | null> {
  const { outbox, now } = options.attempt
  try {
    const [entry = null] = await outbox.due(now(), 1, taken)
    if (entry) taken.add(entry.reference)
    return entry
  } catch (error) {
    options.onError(asKioskError(error))
    return null
  }
}

async function attemptOne(options: PassOptions, reference: string): Promise<void> {
  try {
    const outcome = await attemptDelivery(options.attempt, reference)
    if (outcome) options.onOutcome(outcome)
  } catch (error) {
    options.onError(asKioskError(error))
  }
}

/** Failures of the outbox itself, reported to staff as storage errors. */
export function asKioskError(error: unknown): KioskError {
  if (error instanceof OutboxWriteError) return error.toKioskError()
  const name = error instanceof Error ? error.name : 'unknown error'
  return { kind: 'storage', message: `The outbox failed (${name})` }
}
