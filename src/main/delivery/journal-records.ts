import { z } from 'zod'
import {
  entryStates,
  stepNames,
  type EntryState,
  type StepName,
  type StepRecord,
} from '../../shared/entry'
import { errorKinds } from '../../shared/errors'

/**
 * What the delivery journal knows of one entry. References, LeadCars ids, states and counts
 * only: never a name, an email or anything else a visitor typed.
 */
export type JournalEntry = {
  reference: string
  steps: StepRecord
  /** Steps whose request left (or may have left) with no answer recorded since. */
  inFlight: StepName[]
  /** Delivery attempts: times the entry went to `sending`. */
  attempts: number
  /** Requests re-sent after their answer was lost (each a possible duplicate at LeadCars). */
  ambiguousRetries: number
  /** Unreadable 2xx answers since the entry last went to `needs_attention`. */
  malformedAnswers: number
  state: EntryState | null
  updatedAt: string
  /**
   * The LeadCars (normalised base URL) its steps' ids belong to, written with the first step.
   * Absent in journals written before it was recorded: such entries belong to the current one.
   */
  target?: string
}

const at = z.string().min(1).max(64)
const count = z.number().int().nonnegative()
const positiveId = z.number().int().positive()
const step = z.enum(stepNames)
const target = z.string().min(1).max(2048).optional()

export const stepRecordSchema = z.object({
  lead: z.object({ leadId: positiveId.nullable(), at }).optional(),
  contact: z.object({ contactId: positiveId, at }).optional(),
  gdpr: z.object({ at }).optional(),
  journey: z.object({ at, outcome: z.enum(['added', 'already_in', 'already_done']) }).optional(),
})

const base = { v: z.literal(1), ref: z.string().min(1).max(128), at }

/** One line of the journal file. `entry` is the whole state of a reference (after compaction). */
export const journalRecord = z.discriminatedUnion('t', [
  z.object({
    ...base,
    t: z.literal('entry'),
    steps: stepRecordSchema,
    inFlight: z.array(step),
    attempts: count,
    ambiguousRetries: count,
    malformedAnswers: count,
    state: z.enum(entryStates).nullable(),
    target,
  }),
  z.object({ ...base, t: z.literal('state'), state: z.enum(entryStates) }),
  z.object({ ...base, t: z.literal('started'), step }),
  z.object({ ...base, t: z.literal('done'), steps: stepRecordSchema, target }),
  z.object({ ...base, t: z.literal('failed'), step, kind: z.enum(errorKinds) }),
  z.object({ ...base, t: z.literal('ambiguous'), step }),
])

export type JournalRecord = z.infer<typeof journalRecord>

function emptyEntry(reference: string, updatedAt: string): JournalEntry {
  return {
    reference,
    steps: {},
    inFlight: [],
    attempts: 0,
    ambiguousRetries: 0,
    malformedAnswers: 0,
    state: null,
    updatedAt,
  }
}

/** The entry after one more record. */
export function applyRecord(
  previous: JournalEntry | undefined,
  record: JournalRecord,
): JournalEntry {
  const entry = { ...(previous ?? emptyEntry(record.ref, record.at)), updatedAt: record.at }
  const without = (names: readonly string[]) => entry.inFlight.filter((s) => !names.includes(s))
  switch (record.t) {
    case 'entry': {
      const { steps, inFlight, attempts, ambiguousRetries, malformedAnswers, state } = record
      const next = {
        ...entry,
        steps,
        inFlight,
        attempts,
        ambiguousRetries,
        malformedAnswers,
        state,
      }
      return withTarget(next, record.target)
    }
    case 'state':
      return {
        ...entry,
        state: record.state,
        attempts: entry.attempts + (record.state === 'sending' ? 1 : 0),
        malformedAnswers: record.state === 'needs_attention' ? 0 : entry.malformedAnswers,
      }
    case 'started':
      return { ...entry, inFlight: [...without([record.step]), record.step] }
    case 'done': {
      const steps = { ...entry.steps, ...record.steps }
      const next = { ...entry, steps, inFlight: without(Object.keys(record.steps)) }
      return withTarget(next, entry.target ?? record.target)
    }
    case 'failed':
      return {
        ...entry,
        inFlight: without([record.step]),
        malformedAnswers: entry.malformedAnswers + (record.kind === 'malformed' ? 1 : 0),
      }
    case 'ambiguous':
      return {
        ...entry,
        inFlight: without([record.step]),
        ambiguousRetries: entry.ambiguousRetries + 1,
      }
  }
}

function withTarget(entry: JournalEntry, target: string | undefined): JournalEntry {
  const next = { ...entry }
  delete next.target
  if (target !== undefined) next.target = target
  return next
}

/** The one line that stands for an entry after compaction. */
export function snapshotOf(entry: JournalEntry): JournalRecord {
  const { reference, updatedAt, ...rest } = entry
  return { v: 1, t: 'entry', ref: reference, at: updatedAt, ...rest }
}
