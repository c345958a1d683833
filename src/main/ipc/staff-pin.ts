import { fail, ok } from '../../shared/errors'
import type { Result } from '../../shared/errors'
import type { Logger } from '../log'
import type { SettingsStore } from '../settings'
import { createPinGuard } from '../settings/pin-guard'
import type { PinGuard } from '../settings/pin-guard'

/** Staff PIN checks and changes, both behind the guard against guessing. */
export type StaffPin = {
  verify(pin: string): Promise<Result<boolean>>
  change(current: string, next: string): Promise<Result<true>>
}

export function createStaffPin(
  settings: SettingsStore,
  log: Logger,
  guard: PinGuard = createPinGuard(),
): StaffPin {
  const verify = async (pin: string): Promise<Result<boolean>> => {
    const lockedMs = guard.lockedForMs()
    if (lockedMs > 0) {
      const seconds = Math.ceil(lockedMs / 1000)
      return fail('invalid_input', `Too many wrong PINs. Try again in ${seconds} s.`)
    }
    const valid = await settings.verifyPin(pin)
    guard.record(valid)
    if (!valid) log.warn('wrong staff PIN entered')
    return ok(valid)
  }

  return {
    verify,
    change: async (current, next) => {
      const checked = await verify(current)
      if (!checked.ok) return checked
      if (!checked.value) return fail('invalid_input', 'The current PIN is not right.')
      return settings.changePin(current, next)
    },
  }
}
