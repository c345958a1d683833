import type { Result } from '../shared/errors'
import { fail, ok } from '../shared/errors'
import type { SettingsPatch } from '../shared/settings'
import type { Logger } from './log'
import { definedOnly } from './settings/defined-only'
import { loadSettings, writeSettings } from './settings/load'
import { hashPin, pinPattern, verifyPin } from './settings/pin'
import type { StoredSettings } from './settings/schema'
import { storedSettingsSchema } from './settings/schema'

export type { StoredSettings } from './settings/schema'
export { defaultStaffPin } from './settings/pin'
export { mergeWithDefaults } from './settings/load'

/**
 * The kiosk's settings, kept in one JSON file in the app's data folder. Reading never fails: a
 * missing field takes its default, an invalid one too (the file is then kept aside as
 * `settings.json.bad-<time>` and a warning logged). Only a missing file means demo mode: a
 * damaged one, or one with an unknown environment, pauses delivery (custom, no base URL).
 * Every write replaces the file atomically, one write at a time. The staff PIN is kept as a salted scrypt hash.
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
