import type {
  DeliveryOutcome,
  DeliveryRequest,
  DeliveryStatus,
  EntryState,
  StepName,
  StepRecord,
} from '../../shared/entry'
import type { KioskError, Result } from '../../shared/errors'
import { withRouting, isId } from './routing'
import { mayHaveStored, planStep, plannedSteps } from './steps'
import { foreignTarget, normaliseTarget } from './target'
import type { Delivery, DeliveryDeps, DeliverySettings } from './types'

/** Unreadable 2xx answers an entry may get before staff are asked to look at it. */
export const malformedAnswerLimit = 3

type Verdict = { status: Exclude<DeliveryStatus, 'busy'>; error?: KioskError }

const stateAfter: Record<Verdict['status'], EntryState> = {
  delivered: 'delivered',
  retry: 'pending',
  paused: 'pending',
  needs_attention: 'needs_attention',
}

/**
 * Delivers one entry to LeadCars as resumable steps: create the lead, read its contact, set
 * the contact's consent flags, and optionally add the lead to an Automagic journey. A step is
 * marked started in the journal before its request leaves and recorded the moment it succeeds,
 * so a later attempt (after a crash, a lost answer or a failure) starts at the first unfinished
 * step and never repeats a confirmed one. One entry is delivered at most once at a time.
 */
export function createDelivery(deps: DeliveryDeps): Delivery {
  const { client, journal } = deps
  const now = deps.now ?? (() => new Date())
  const target = deps.target === undefined ? undefined : normaliseTarget(deps.target)
  const running = new Map<string, Promise<DeliveryOutcome>>()

  function deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
    const ref = request.reference
    if (running.has(ref)) return Promise.resolve(outcome(request, { status: 'busy' }))
    const run = attempt(request)
      .catch((error: unknown) => unrecorded(request, error))
      .finally(() => running.delete(ref))
    running.set(ref, run)
    return run
  }

  async function attempt(captured: DeliveryRequest): Promise<DeliveryOutcome> {
    const settings = deps.settings()
    const request = withRouting(captured, settings.routing)
    const blocked = guard(request)
    if (blocked) return conclude(request, blocked)

    await journal.recordState(request.reference, 'sending')
    for (const step of plannedSteps(settings)) {
      const stopped = await runStep(step, request, settings)
      if (stopped) return conclude(request, stopped)
    }
    return conclude(request, { status: 'delivered' })
  }

  /** Reasons not to send anything now: another LeadCars, auth paused, no token, no routing. */
  function guard(request: DeliveryRequest): Verdict | null {
    const elsewhere = foreignTarget(journal.get(request.reference), target)
    if (elsewhere) return { status: 'needs_attention', error: elsewhere }
    if (deps.isAuthPaused()) return paused('auth', 'Delivery is paused: LeadCars refused the token')
    if (!client.hasToken()) return paused('config', 'No LeadCars token is set: delivery waits')
    if (knownSteps(request).lead) return null
    const { dealerId, leadTypeId } = request.routing
    if (!isId(dealerId)) return attention('config', 'No dealer is configured for this entry')
    if (!isId(leadTypeId)) return attention('config', 'No lead type is configured for this entry')
    return null
  }

  async function runStep(
    step: StepName,
    request: DeliveryRequest,
    settings: DeliverySettings,
  ): Promise<Verdict | null> {
    const steps = knownSteps(request)
    if (steps[step]) return null
    const plan = planStep(step, { client, request, steps, settings, now })
    if ('blocked' in plan) return { status: 'needs_attention', error: plan.blocked }

    await countLostAnswer(request.reference, step)
    await journal.markStarted(request.reference, step)
    const result = await plan.send()
    return settle(request.reference, step, result)
  }

  /** A step still in flight from an earlier attempt lost its answer: re-sending it is counted. */
  async function countLostAnswer(ref: string, step: StepName): Promise<void> {
    if (!journal.get(ref)?.inFlight.includes(step)) return
    const total = await journal.countAmbiguous(ref, step)
    deps.log?.warn('step sent again after a lost answer', { reference: ref, step, total })
  }

  async function settle(
    ref: string,
    step: StepName,
    result: Result<NonNullable<StepRecord[StepName]>>,
  ): Promise<Verdict | null> {
    if (result.ok) {
      deps.onReachability(true)
      await journal.recordStep(ref, step, result.value, target)
      return null
    }
    const { error } = result
    reportReachability(error)
    if (!mayHaveStored(step, error)) await journal.recordFailure(ref, step, error.kind)
    deps.log?.info('step failed', { reference: ref, step, kind: error.kind, status: error.status })
    return verdictFor(ref, error)
  }

  function reportReachability(error: KioskError): void {
    if (error.status !== undefined) deps.onReachability(true)
    else if (error.kind === 'transient') deps.onReachability(false)
  }

  function verdictFor(ref: string, error: KioskError): Verdict {
    switch (error.kind) {
      case 'transient':
      case 'ambiguous':
      case 'storage':
        return { status: 'retry', error }
      case 'malformed': {
        const answers = journal.get(ref)?.malformedAnswers ?? 0
        return { status: answers >= malformedAnswerLimit ? 'needs_attention' : 'retry', error }
      }
      case 'auth':
        deps.onAuthFailure()
        return { status: 'paused', error }
      case 'rejected':
      case 'config':
      case 'invalid_input':
        return { status: 'needs_attention', error }
    }
  }

  async function conclude(request: DeliveryRequest, verdict: Verdict): Promise<DeliveryOutcome> {
    await journal.recordState(request.reference, stateAfter[verdict.status])
    const kind = verdict.error?.kind
    deps.log?.info('delivery attempt ended', {
      reference: request.reference,
      status: verdict.status,
      kind,
    })
    return outcome(request, verdict)
  }

  /** The journal refused a write: nothing more is sent until progress can be recorded. */
  function unrecorded(request: DeliveryRequest, error: unknown): DeliveryOutcome {
    deps.log?.error('delivery progress could not be recorded', {
      reference: request.reference,
      error,
    })
    const message = 'The delivery journal could not be written; the entry waits'
    return outcome(request, { status: 'retry', error: { kind: 'storage', message } })
  }

  function outcome(
    request: DeliveryRequest,
    verdict: Verdict | { status: 'busy' },
  ): DeliveryOutcome {
    const entry = journal.get(request.reference)
    const result: DeliveryOutcome = {
      reference: request.reference,
      status: verdict.status,
      steps: knownSteps(request),
      ambiguousRetries: entry?.ambiguousRetries ?? 0,
    }
    if ('error' in verdict && verdict.error) result.error = verdict.error
    return result
  }

  /** The outbox's finished steps merged with the journal's; the journal wins. */
  function knownSteps(request: DeliveryRequest): StepRecord {
    return { ...request.steps, ...journal.get(request.reference)?.steps }
  }

  return { deliver }
}

function paused(kind: KioskError['kind'], message: string): Verdict {
  return { status: 'paused', error: { kind, message } }
}

function attention(kind: KioskError['kind'], message: string): Verdict {
  return { status: 'needs_attention', error: { kind, message } }
}
