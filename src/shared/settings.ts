import type { GdprFlag, Routing } from './entry'

export const environments = ['demo', 'sandbox', 'production', 'custom'] as const
export type Environment = (typeof environments)[number]

export const leadcarsBaseUrls = {
  sandbox: 'https://apisandbox.leadcars.es/api/v2',
  production: 'https://api.leadcars.es/api/v2',
} as const

/** A consent the kiosk asks for, mapped to one of LeadCars' four flags. */
export type ConsentDefinition = {
  id: string
  flag: GdprFlag
  required: boolean
  version: string
  /** Text per language code (`es`, `en`, ...). */
  text: Record<string, string>
}

export type DynamicFieldPlacement = 'custom' | 'root'

/**
 * Token states as staff see them. `unprotected`: saved, but the OS offers no keychain, so it
 * is stored with no real encryption. `unreadable`: saved earlier but can no longer be
 * decrypted (keychain replaced); it must be entered again.
 */
export type TokenState = 'missing' | 'stored' | 'unprotected' | 'unreadable'

/** Settings as the renderer may see them: never a secret. */
export type PublicSettings = {
  environment: Environment
  /** Base URL of the LeadCars API in use (the simulator's in demo mode). */
  baseUrl: string
  routing: Partial<Routing>
  dynamicFieldPlacement: DynamicFieldPlacement
  parallelDeliveries: number
  retentionDays: number
  idleSeconds: number
  languages: string[]
  defaultCountry: string
  consents: ConsentDefinition[]
  automagic: { enabled: boolean; journeyId?: number; apiUser?: string }
  tokenState: TokenState
  automagicTokenState: TokenState
  staffPinSet: boolean
}

/** What staff may change from the settings screen (secrets go through their own calls). */
export type SettingsPatch = Partial<
  Pick<
    PublicSettings,
    | 'environment'
    | 'routing'
    | 'dynamicFieldPlacement'
    | 'parallelDeliveries'
    | 'retentionDays'
    | 'idleSeconds'
    | 'languages'
    | 'defaultCountry'
    | 'consents'
    | 'automagic'
  > & { customBaseUrl: string }
>
