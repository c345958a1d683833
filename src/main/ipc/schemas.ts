import { z } from 'zod'
import { entryStates } from '../../shared/entry'
import { secretPattern } from '../secrets'
import { idSchema, settingsPatchSchema } from '../settings/schema'

/**
 * The payload of each KioskApi call as main accepts it. The renderer is not trusted: every
 * string has a length bound, every id an integer range, every list a size limit.
 */

/** An outbox delivery key: the entry's UUID, with `-r<n>` for a confirmed resend. */
export const referenceSchema = z.string().regex(/^[A-Za-z0-9_-]{8,80}$/)

const isoTime = z.iso.datetime({ offset: true })
const text = (max: number) => z.string().trim().max(max)
const languageSchema = z.string().regex(/^[a-z]{2}$/)

const visitorSchema = z.object({
  firstName: text(100).min(1),
  lastName: text(100).min(1),
  email: text(254).min(3),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/)
    .optional(),
  postcode: text(12).optional(),
  interest: text(200).optional(),
  comment: text(2000).optional(),
})

const consentRecordSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  flag: z.enum(['gdpr1', 'gdpr2', 'gdpr3', 'gdpr4']),
  granted: z.boolean(),
  textHash: z.string().regex(/^[0-9a-f]{64}$/),
  textVersion: text(40).min(1),
  language: languageSchema,
  at: isoTime,
})

/** Capture-time routing; 0 stands for "not configured" so that capture never waits for it. */
const routingSchema = z.object({
  dealerId: z.int().min(0).max(2_147_483_647),
  siteId: idSchema.optional(),
  campaignCode: text(120).min(1).optional(),
  leadTypeId: z.int().min(0).max(2_147_483_647),
})

const stepsSchema = z.object({
  lead: z.object({ leadId: idSchema.nullable(), at: isoTime }).optional(),
  contact: z.object({ contactId: idSchema, at: isoTime }).optional(),
  gdpr: z.object({ at: isoTime }).optional(),
  journey: z
    .object({ at: isoTime, outcome: z.enum(['added', 'already_in', 'already_done']) })
    .optional(),
})

export const deliveryRequestSchema = z.object({
  reference: referenceSchema,
  visitor: visitorSchema,
  consents: z.array(consentRecordSchema).max(8),
  routing: routingSchema,
  language: languageSchema,
  capturedAt: isoTime,
  steps: stepsSchema,
})

export const noPayloadSchema = z.union([z.undefined(), z.null()])

export const tokenSchema = z.string().trim().regex(secretPattern)

export const pinSchema = z.string().regex(/^\d{1,12}$/)

export const ledgerReportSchema = z.object({
  rows: z.array(z.object({ reference: referenceSchema, state: z.enum(entryStates) })).max(200_000),
  complete: z.boolean(),
})

export const staffPinChangeSchema = z.object({ current: pinSchema, next: pinSchema })

export const dealerIdSchema = idSchema.optional().nullable()

export { settingsPatchSchema }
