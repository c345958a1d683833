import { z } from 'zod'
import { environments } from '../../shared/settings'
import { pinHashSchema } from './pin'

/**
 * Schemas of the settings file and of a settings patch. Both are trust boundaries: the file can
 * be corrupt or hand-edited, the patch comes from the renderer.
 */

export const idSchema = z.int().positive().max(2_147_483_647)

const languageSchema = z.string().regex(/^[a-z]{2}$/)
const countrySchema = z.string().regex(/^[A-Z]{2}$/)
const flagSchema = z.enum(['gdpr1', 'gdpr2', 'gdpr3', 'gdpr4'])

export const routingSchema = z.strictObject({
  dealerId: idSchema.optional(),
  siteId: idSchema.optional(),
  campaignCode: z.string().trim().min(1).max(120).optional(),
  leadTypeId: idSchema.optional(),
})

export const consentSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  flag: flagSchema,
  required: z.boolean(),
  version: z.string().trim().min(1).max(40),
  text: z.record(languageSchema, z.string().trim().min(1).max(2000)),
})

export const consentsSchema = z
  .array(consentSchema)
  .max(4)
  .refine((list) => new Set(list.map((c) => c.id)).size === list.length, 'consent ids repeat')
  .refine((list) => new Set(list.map((c) => c.flag)).size === list.length, 'consent flags repeat')

export const automagicSchema = z.strictObject({
  enabled: z.boolean(),
  journeyId: idSchema.optional(),
  apiUser: z.email().max(200).optional(),
})

export const baseUrlSchema = z.url({ protocol: /^https?$/ }).max(500)

/** Each stored field with its own schema, so that one bad field does not cost the others. */
export const storedFieldSchemas = {
  environment: z.enum(environments),
  customBaseUrl: baseUrlSchema.optional(),
  routing: routingSchema,
  dynamicFieldPlacement: z.enum(['custom', 'root']),
  parallelDeliveries: z.int().min(1).max(8),
  retentionDays: z.int().min(1).max(365),
  idleSeconds: z.int().min(15).max(900),
  languages: z
    .array(languageSchema)
    .min(1)
    .max(12)
    .refine((list) => new Set(list).size === list.length, 'languages repeat'),
  defaultCountry: countrySchema,
  consents: consentsSchema,
  automagic: automagicSchema,
  staffPin: pinHashSchema.optional(),
}

export const storedSettingsSchema = z.strictObject(storedFieldSchemas)

/** What the settings file holds: the public settings minus the derived fields, plus the PIN. */
export type StoredSettings = z.infer<typeof storedSettingsSchema>

export type StoredField = keyof StoredSettings

/** A patch from the settings screen; secrets and the PIN have their own calls. */
export const settingsPatchSchema = storedSettingsSchema
  .omit({ staffPin: true })
  .extend({ customBaseUrl: baseUrlSchema })
  .partial()
