import type { KioskApi } from '../../../shared/contract'
import type { DeliveryOutcome, DeliveryRequest } from '../../../shared/entry'
import { fail, type KioskError, type Result } from '../../../shared/errors'
import type { OutboxEntry } from './model'
import type { Outbox } from './outbox'
import { deliveryOutcomeSchema, resultSchema } from './schema'

export type AttemptContext = {
  outbox: Outbox
  api: KioskApi
  now: () => number
  random: () => number
}

/**
 * One delivery attempt of one entry, in three separate steps so that no transaction ever spans
 * the IPC call: claim it (pending → sending), ask main to deliver it, record what main answered.
 * Resolves with the outcome recorded, or null when the entry could not be claimed.
 */
export async function attemptDelivery(
  context: AttemptContext,
  reference: string,
): Promise<DeliveryOutcome | null> {
  const { outbox, now, random } = context
  if (!(await outbox.markSending(reference, now()))) return null

  const entry = await outbox.get(reference)
  if (!entry || entry.state !== 'sending') return null

  const outcome = await askMain(context.api, entry)

  await outbox.applyOutcome(reference, outcome, now(), random)
  return outcome
}

async function askMain(api: KioskApi, entry: OutboxEntry): Promise<DeliveryOutcome> {
  const request = deliveryRequest(entry)
  if (!request) return unsent(entry, 'needs_attention', noVisitorError)

  const result = await callDeliver(api, request)
  if (result === null) return unsent(entry, 'retry', unreadableOutcomeError)
  // A payload main could not parse will not parse on a later try either: staff must edit it.
  if (!result.ok && result.error.kind === 'invalid_input') {
    return unsent(entry, 'needs_attention', result.error)
  }
  if (!result.ok) return unsent(entry, 'retry', result.error)

  const outcome = deliveryOutcomeSchema.safeParse(result.value)
  if (!outcome.success || outcome.data.reference !== entry.deliveryKey) {
    return unsent(entry, 'retry', unreadableOutcomeError)
  }
  return outcome.data
}

function deliveryRequest(entry: OutboxEntry): DeliveryRequest | null {
  if (entry.visitor === null) return null
  return {
    reference: entry.deliveryKey,
    visitor: entry.visitor,
    consents: entry.consents,
    routing: entry.routing,
    language: entry.language,
    capturedAt: entry.capturedAt,
    steps: entry.steps,
  }
}

/** The IPC answer as a Result (a call that throws is a failed one), or null for nonsense. */
async function callDeliver(
  api: KioskApi,
  request: DeliveryRequest,
): Promise<Result<unknown> | null> {
  try {
    const parsed = resultSchema.safeParse(await api.deliver(request))
    return parsed.success ? parsed.data : null
  } catch {
    return fail('transient', 'The delivery call to the main process failed')
  }
}

/** An outcome for an attempt that main did not carry out: steps and counters stay as they were. */
function unsent(
  entry: OutboxEntry,
  status: 'retry' | 'needs_attention',
  error: KioskError,
): DeliveryOutcome {
  return {
    reference: entry.deliveryKey,
    status,
    steps: entry.steps,
    error,
    ambiguousRetries: entry.ambiguousRetries,
  }
}

const noVisitorError: KioskError = {
  kind: 'invalid_input',
  message: 'The entry holds no visitor data to deliver',
}

const unreadableOutcomeError: KioskError = {
  kind: 'invalid_input',
  message: 'The main process answered the delivery with an unreadable outcome',
}
