import { z } from 'zod'
import type { ReferenceItem } from '../../shared/contract'
import type { ContactGdpr, ContactInfo, CreatedLead, LeadState, StateField } from './types'

/** Readers for LeadCars' answers, tolerant of every shape the API is known or likely to use. */

/** Ids come as numbers in the manual's tables and as quoted strings in its examples. */
export const id = z.union([
  z.number().int().positive(),
  z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,15}$/)
    .transform(Number),
])

/** Text that may be missing, null, a number or something odd: anything else reads as null. */
const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value)))
  .catch(null)

/** An optional part of an answer: when it has an unexpected shape it reads as absent. */
function optional<T>(schema: z.ZodType<T>) {
  return schema.nullish().catch(null)
}

const flag = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.enum(['0', '1', 'true', 'false'])])
  .transform((value) => value === true || value === 1 || value === '1' || value === 'true')

const idCandidates = [
  z.object({ id }).transform((o) => o.id),
  z.object({ lead_id: id }).transform((o) => o.lead_id),
  z.object({ data: z.object({ id }) }).transform((o) => o.data.id),
  z.object({ data: z.object({ lead_id: id }) }).transform((o) => o.data.lead_id),
]
const referencia = z.union([z.string().trim().min(1), z.number()]).transform(String)
const referenciaCandidates = [
  z.object({ referencia }).transform((o) => o.referencia),
  z.object({ data: z.object({ referencia }) }).transform((o) => o.data.referencia),
]

/** The id of a created lead from any known place; null when none is readable. */
export function readCreatedLead(json: unknown): CreatedLead {
  const leadId = firstOf(idCandidates, json) ?? null
  const ref = firstOf(referenciaCandidates, json)
  return ref === undefined ? { leadId } : { leadId, referencia: ref }
}

function firstOf<T>(schemas: z.ZodType<T>[], value: unknown): T | undefined {
  for (const schema of schemas) {
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
  }
  return undefined
}

/** Keys in lower case, so that `NOMBRE` and `nombre` read alike. */
const lowerKeys = z
  .record(z.string(), z.unknown())
  .transform((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v])))

const rawItem = lowerKeys.pipe(
  z.object({
    id,
    nombre: optionalText,
    name: optionalText,
    title: optionalText,
    codigo: optionalText,
    code: optionalText,
    valor: optionalText,
  }),
)

function toReferenceItem(raw: z.infer<typeof rawItem>): ReferenceItem {
  const code = raw.codigo ?? raw.code ?? raw.valor
  const name = raw.nombre ?? raw.name ?? raw.title ?? code ?? String(raw.id)
  return code === null ? { id: raw.id, name } : { id: raw.id, name, code }
}

const listBody = z.union([
  z.array(z.unknown()),
  lowerKeys.pipe(z.object({ data: z.array(z.unknown()) })).transform((o) => o.data),
])

/** A bare array or `{data: [...]}`; unreadable items are left out rather than failing the list. */
export const referenceList = listBody.transform((items) =>
  items.flatMap((item) => {
    const parsed = rawItem.safeParse(item)
    return parsed.success ? [toReferenceItem(parsed.data)] : []
  }),
)

export const leadInfo = z
  .object({
    id: optional(id),
    contact: z.object({ data: z.object({ id }) }),
    type: optional(z.object({ name: optionalText })),
    status: optional(z.object({ name: optionalText })),
  })
  .transform((o) => ({
    leadId: o.id ?? null,
    contactId: o.contact.data.id,
    typeName: o.type?.name ?? null,
    statusName: o.status?.name ?? null,
  }))

const gdprFlags = ['gdpr1', 'gdpr2', 'gdpr3', 'gdpr4'] as const

/** Reads show three flags (the manual) or four; a flag that is absent stays absent. */
const gdpr = z.record(z.string(), z.unknown()).transform((o) => {
  const flags: ContactGdpr = {}
  for (const key of gdprFlags) {
    const parsed = flag.safeParse(o[key])
    if (parsed.success) flags[key] = parsed.data
  }
  return flags
})

const contactBody = z.object({ id, gdpr: optional(gdpr) })

export const contactInfo = z
  .union([contactBody, z.object({ data: contactBody }).transform((o) => o.data)])
  .transform((o): ContactInfo => ({ id: o.id, gdpr: o.gdpr ?? null }))

const stateField = z
  .object({
    name: z.string(),
    type: optionalText,
    title: optionalText,
    required: optional(flag),
    options: z.unknown(),
  })
  .transform((o): StateField => ({ ...o, required: o.required ?? false }))

const stateBody = z.object({
  id,
  group: optionalText,
  fields: optional(z.array(stateField)),
})

/** `GET /listStates`: a map of state name to its definition (or a list with names inside). */
export const stateList = z
  .union([
    z.record(z.string(), stateBody).transform((map) => Object.entries(map)),
    z
      .array(stateBody.extend({ name: z.string() }))
      .transform((list) => list.map((s) => [s.name, s] as const)),
  ])
  .transform((entries) =>
    entries.map(([name, s]): LeadState => ({
      name,
      id: s.id,
      group: s.group,
      fields: s.fields ?? [],
    })),
  )

export const journeyList = z
  .object({ data: z.array(z.object({ id, title: optionalText })) })
  .transform((o) => o.data.map((j) => ({ id: j.id, title: j.title ?? `#${j.id}` })))

export const journeyAddition = z
  .object({ lead_journey: optional(id) })
  .transform((o) => ({ outcome: 'added' as const, leadJourneyId: o.lead_journey ?? null }))

export const leadJourneys = z
  .object({
    journeys: z.array(
      z.object({
        id,
        title: optionalText,
        step: optionalText,
        personalized_journey: optional(flag),
      }),
    ),
  })
  .transform((o) =>
    o.journeys.map((j) => ({
      id: j.id,
      title: j.title ?? `#${j.id}`,
      step: j.step,
      personalized: j.personalized_journey ?? false,
    })),
  )
