import { z } from 'zod'
import {
  entryStates,
  type ConsentRecord,
  type DeliveryOutcome,
  type Routing,
  type StepRecord,
  type Visitor,
} from '../../../shared/entry'
import { errorKinds, type KioskError } from '../../../shared/errors'
import { historyActions, type OutboxEntry } from './model'

/** Parsers for everything the outbox reads from storage or receives across the IPC boundary. */

export const visitorSchema: z.ZodType<Visitor> = z.object({
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().optional(),
  postcode: z.string().optional(),
  interest: z.string().optional(),
  comment: z.string().optional(),
})

const consentSchema: z.ZodType<ConsentRecord> = z.object({
  id: z.string(),
  flag: z.enum(['gdpr1', 'gdpr2', 'gdpr3', 'gdpr4']),
  granted: z.boolean(),
  textHash: z.string(),
  textVersion: z.string(),
  language: z.string(),
  at: z.string(),
})

const routingSchema: z.ZodType<Routing> = z.object({
  dealerId: z.number(),
  siteId: z.number().optional(),
  campaignCode: z.string().optional(),
  leadTypeId: z.number(),
})

const stepsSchema: z.ZodType<StepRecord> = z.object({
  lead: z.object({ leadId: z.number().nullable(), at: z.string() }).optional(),
  contact: z.object({ contactId: z.number(), at: z.string() }).optional(),
  gdpr: z.object({ at: z.string() }).optional(),
  journey: z
    .object({ at: z.string(), outcome: z.enum(['added', 'already_in', 'already_done']) })
    .optional(),
})

export const kioskErrorSchema: z.ZodType<KioskError> = z.object({
  kind: z.enum(errorKinds),
  message: z.string(),
  status: z.number().optional(),
  retryAfterMs: z.number().optional(),
  excerpt: z.string().optional(),
})

export const entrySchema: z.ZodType<OutboxEntry> = z.object({
  reference: z.string().min(1),
  deliveryKey: z.string().min(1),
  state: z.enum(entryStates),
  visitor: visitorSchema.nullable(),
  consents: z.array(consentSchema),
  routing: routingSchema,
  language: z.string(),
  capturedAt: z.string(),
  updatedAt: z.string(),
  steps: stepsSchema,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.number(),
  lastAttemptAt: z.string().nullable(),
  lastError: kioskErrorSchema.nullable(),
  errors: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(errorKinds),
      message: z.string(),
      status: z.number().optional(),
    }),
  ),
  ambiguousRetries: z.number().int().nonnegative(),
  deliveredAt: z.string().nullable(),
  purgedAt: z.string().nullable(),
  history: z.array(
    z.object({ at: z.string(), action: z.enum(historyActions), note: z.string().optional() }),
  ),
})

export const deliveryOutcomeSchema: z.ZodType<DeliveryOutcome> = z.object({
  reference: z.string(),
  status: z.enum(['delivered', 'retry', 'needs_attention', 'paused', 'busy']),
  steps: stepsSchema,
  error: kioskErrorSchema.optional(),
  ambiguousRetries: z.number().int().nonnegative(),
})

/** A `Result` as it arrives from the preload; the value is parsed separately. */
export const resultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: kioskErrorSchema }),
])

/** The events from main that wake the courier; other events are ignored. */
export const wakeEventSchema = z.union([
  z.object({ type: z.literal('wake'), reason: z.enum(['connectivity', 'token', 'settings']) }),
  z.object({
    type: z.literal('connectivity'),
    connectivity: z.object({ reachable: z.boolean() }),
  }),
])

/** Why a value did not parse, as paths and expectations only: never the values themselves. */
export function describeIssues(error: z.ZodError): string {
  const lines = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(row)'
    return `${path}: ${issue.message}`
  })
  return lines.join('; ')
}
