import { z } from 'zod'
import type { Routing } from '../../shared/entry'
import { leadcarsBaseUrls } from '../../shared/settings'
import type { Environment } from '../../shared/settings'
import { secretPattern } from '../secrets'
import { definedOnly } from './defined-only'
import type { StoredSettings } from './schema'
import { baseUrlSchema, idSchema } from './schema'

/**
 * Which LeadCars the kiosk talks to, and the run-time overrides a host may give. Overrides from
 * the environment apply to one run only and are never written to disk; a token from it stays
 * in memory.
 */
export type HostOverrides = {
  url?: string
  token?: string
  routing: Partial<Routing>
}

const envSchema = z.object({
  LEADCARS_URL: baseUrlSchema.optional(),
  LEADCARS_TOKEN: z.string().regex(secretPattern).optional(),
  LEADCARS_DEALER: z.coerce.number().pipe(idSchema).optional(),
  LEADCARS_SITE: z.coerce.number().pipe(idSchema).optional(),
  LEADCARS_CAMPAIGN: z.string().trim().min(1).max(120).optional(),
  LEADCARS_LEAD_TYPE: z.coerce.number().pipe(idSchema).optional(),
})

/** Reads the LEADCARS_* variables; throws naming (never showing) a variable that is invalid. */
export function parseHostOverrides(env: Record<string, string | undefined>): HostOverrides {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key.startsWith('LEADCARS_') && value !== ''),
  )
  const parsed = envSchema.safeParse(present)
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))]
    throw new Error(`Invalid environment variable(s): ${names.join(', ')}`)
  }
  const { LEADCARS_URL, LEADCARS_TOKEN, ...routing } = parsed.data
  return {
    url: LEADCARS_URL,
    token: LEADCARS_TOKEN,
    routing: definedOnly({
      dealerId: routing.LEADCARS_DEALER,
      siteId: routing.LEADCARS_SITE,
      campaignCode: routing.LEADCARS_CAMPAIGN,
      leadTypeId: routing.LEADCARS_LEAD_TYPE,
    }),
  }
}

export type Target = {
  environment: Environment
  /** Null when the kiosk is set to a custom environment with no URL yet. */
  baseUrl: string | null
  demo: boolean
}

/**
 * The LeadCars in use. An override URL wins; otherwise the saved environment decides. A missing
 * token never switches to demo: real visitors' entries must wait for LeadCars, not go to the
 * simulator.
 */
export function resolveTarget(
  settings: StoredSettings,
  overrides: HostOverrides,
  demoUrl: string | null,
): Target {
  if (overrides.url) return { environment: 'custom', baseUrl: overrides.url, demo: false }
  switch (settings.environment) {
    case 'demo':
      return { environment: 'demo', baseUrl: demoUrl, demo: true }
    case 'custom':
      return { environment: 'custom', baseUrl: settings.customBaseUrl ?? null, demo: false }
    default:
      return {
        environment: settings.environment,
        baseUrl: leadcarsBaseUrls[settings.environment],
        demo: false,
      }
  }
}

/** Saved routing, over the demo defaults in demo mode, under the run's overrides. */
export function effectiveRouting(
  settings: StoredSettings,
  overrides: HostOverrides,
  demoRouting: Partial<Routing> | null,
): Partial<Routing> {
  return { ...demoRouting, ...settings.routing, ...overrides.routing }
}
