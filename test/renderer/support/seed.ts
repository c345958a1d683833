import type { StepRecord, Visitor } from '../../../src/shared/entry'
import type { KioskError } from '../../../src/shared/errors'
import type { Outbox, OutboxEntry } from '../../../src/renderer/src/outbox'

/** Puts entries in a real outbox and moves them to a state the way the courier would. */

export type SeedState = 'pending' | 'retrying' | 'needs_attention' | 'delivered' | 'discarded'

export function visitor(firstName: string, lastName: string, email: string): Visitor {
  return { firstName, lastName, email, phone: '+34612345678' }
}

export const rejected: KioskError = {
  kind: 'rejected',
  message: 'LeadCars rejected the email address',
  status: 422,
}
export const refused: KioskError = { kind: 'transient', message: 'Connection refused' }

function allSteps(): StepRecord {
  const at = new Date().toISOString()
  return { lead: { leadId: 9001, at }, contact: { contactId: 7001, at }, gdpr: { at } }
}

async function settle(
  outbox: Outbox,
  reference: string,
  status: 'delivered' | 'retry' | 'needs_attention',
  extra: { steps?: StepRecord; error?: KioskError },
): Promise<void> {
  await outbox.markSending(reference)
  await outbox.applyOutcome(reference, {
    reference,
    status,
    steps: extra.steps ?? {},
    ambiguousRetries: 0,
    ...(extra.error ? { error: extra.error } : {}),
  })
}

export async function seed(
  outbox: Outbox,
  state: SeedState,
  who: Visitor = visitor('Juan', 'García', 'juan@example.es'),
): Promise<OutboxEntry> {
  const entry = await outbox.add({
    visitor: who,
    consents: [],
    routing: { dealerId: 11, leadTypeId: 31 },
    language: 'es',
  })
  const { reference } = entry
  if (state === 'delivered') await settle(outbox, reference, 'delivered', { steps: allSteps() })
  if (state === 'retrying') await settle(outbox, reference, 'retry', { error: refused })
  if (state === 'needs_attention') {
    const steps = { lead: { leadId: 9002, at: new Date().toISOString() } }
    await settle(outbox, reference, 'needs_attention', { steps, error: rejected })
  }
  if (state === 'discarded') await outbox.discard(reference, 'visitor asked')
  return (await outbox.get(reference)) ?? entry
}

/** An entry LeadCars refused at its first step: no lead exists yet, so staff may correct it. */
export async function seedRejectedAtLead(outbox: Outbox, who: Visitor): Promise<OutboxEntry> {
  const entry = await seed(outbox, 'pending', who)
  await settle(outbox, entry.reference, 'needs_attention', { error: rejected })
  return (await outbox.get(entry.reference)) ?? entry
}
