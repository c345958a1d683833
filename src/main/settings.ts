import { rename } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Result } from '../shared/errors'
import { fail, ok } from '../shared/errors'
import type { SettingsPatch } from '../shared/settings'
import type { Logger } from './log'
import { asideName, readFileIfPresent, writeFileAtomic } from './settings/files'
import { defaultSettings } from './settings/defaults'
import { definedOnly } from './settings/defined-only'
import { hashPin, pinPattern, verifyPin } from './settings/pin'
import type { StoredSettings } from './settings/schema'
import { storedFieldSchemas, storedSettingsSchema } from './settings/schema'

export type { StoredSettings } from './settings/schema'
export { defaultStaffPin } from './settings/pin'

/**
 * The kiosk's settings, kept in one JSON file in the app's data folder. Reading never fails: a
 * missing field takes its default, an invalid one too (the file is then kept aside as
 * `settings.json.bad-<time>` and a warning logged). Every write replaces the file atomically,
 * one write at a time. The staff PIN is kept as a salted scrypt hash.
 */
export type SettingsStore = {
  current(): StoredSettings
  update(patch: SettingsPatch): Promise<Result<StoredSettings>>
  verifyPin(pin: string): Promise<boolean>
  changePin(current: string, next: string): Promise<Result<true>>
}

export async function openSettingsStore(path: string, logger: Logger): Promise<SettingsStore> {
  let settings = await loadSettings(path, logger)
  let queue: Promise<unknown> = Promise.resolve()

  /** One change at a time, each computed from the settings the previous one left. */
  const change = (
    make: (current: StoredSettings) => Promise<Result<StoredSettings>> | Result<StoredSettings>,
  ): Promise<Result<StoredSettings>> => {
    const run = queue.then(async (): Promise<Result<StoredSettings>> => {
      const next = await make(settings)
      if (!next.ok) return next
      try {
        await writeSettings(path, next.value)
      } catch (error) {
        logger.error('settings write failed', { error })
        return fail('storage', 'The settings could not be saved to disk.')
      }
      settings = next.value
      return next
    })
    queue = run.catch(() => undefined)
    return run
  }

  return {
    current: () => settings,
    update: (patch) => change((current) => patched(current, patch)),
    verifyPin: (pin) => verifyPin(pin, settings.staffPin),
    changePin: async (current, next) => {
      if (!pinPattern.test(next)) return fail('invalid_input', 'A PIN is 4 to 12 digits.')
      const saved = await change(async (stored) => {
        if (!(await verifyPin(current, stored.staffPin))) {
          return fail('invalid_input', 'The current PIN is not right.')
        }
        return ok({ ...stored, staffPin: await hashPin(next) })
      })
      return saved.ok ? ok(true) : saved
    },
  }
}

function patched(current: StoredSettings, patch: SettingsPatch): Result<StoredSettings> {
  const next = storedSettingsSchema.safeParse({ ...current, ...definedOnly(patch) })
  if (!next.success) return fail('invalid_input', 'These settings are not valid.')
  if (next.data.environment === 'custom' && !next.data.customBaseUrl) {
    return fail('invalid_input', 'A custom environment needs its base URL.')
  }
  return ok(next.data)
}

async function loadSettings(path: string, logger: Logger): Promise<StoredSettings> {
  const text = await readFileIfPresent(path)
  if (text === null) {
    logger.info('settings file created with defaults')
    return writeSettings(path, defaultSettings())
  }

  const { settings, badFields } = mergeWithDefaults(parseJson(text))
  if (badFields.length === 0) return settings

  const aside = asideName(path, 'bad')
  await rename(path, aside)
  logger.warn('settings file partly unreadable: defaults used for bad fields', {
    badFields,
    keptAside: basename(aside),
  })
  return writeSettings(path, settings)
}

/** Takes each valid field of `raw`; a missing field takes its default, an invalid one too. */
export function mergeWithDefaults(raw: unknown): { settings: StoredSettings; badFields: string[] } {
  const defaults: Record<string, unknown> = defaultSettings()
  if (!isPlainObject(raw)) return { settings: defaultSettings(), badFields: ['(file)'] }

  const merged: Record<string, unknown> = {}
  const badFields: string[] = []
  for (const [field, schema] of Object.entries(storedFieldSchemas)) {
    const value = raw[field]
    const parsed = value === undefined ? null : schema.safeParse(value)
    if (parsed && !parsed.success) badFields.push(field)
    merged[field] = parsed?.success ? parsed.data : defaults[field]
  }
  return { settings: storedSettingsSchema.parse(definedOnly(merged)), badFields }
}

async function writeSettings(path: string, settings: StoredSettings): Promise<StoredSettings> {
  await writeFileAtomic(path, `${JSON.stringify(settings, null, 2)}\n`)
  return settings
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
