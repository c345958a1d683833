import { fail, ok } from '../../shared/errors'
import type { Result } from '../../shared/errors'
import type { Logger } from '../log'
import type { SettingsStore } from '../settings'
import { createPinGuard } from '../settings/pin-guard'
import type { PinGuard } from '../settings/pin-guard'

/**
 * Staff PIN checks and changes, both behind the guard against guessing. Checks run one at a
 * time, each deciding on the lockout only after the previous one was recorded, so a burst of
 * parallel guesses gets no more hashes checked than the same guesses one after another.
 */
export type StaffPin = {
  verify(pin: string): Promise<Result<boolean>>
  change(current: string, next: string): Promise<Result<true>>
}

export function createStaffPin(
  settings: SettingsStore,
  log: Logger,
  guard: PinGuard = createPinGuard(),
): StaffPin {
  let queue: Promise<unknown> = Promise.resolve()

  const checkOnce = async (pin: string): Promise<Result<boolean>> => {
    const lockedMs = guard.lockedForMs()
    if (lockedMs > 0) {
      const seconds = Math.ceil(lockedMs / 1000)
      return fail('invalid_input', `Too many wrong PINs. Try again in ${seconds} s.`)
    }
    let valid = false
    try {
      valid = await settings.verifyPin(pin)
    } finally {
      guard.record(valid)
    }
    if (!valid) log.warn('wrong staff PIN entered')
    return ok(valid)
  }

  const verify = (pin: string): Promise<Result<boolean>> => {
    const run = queue.then(() => checkOnce(pin))
    queue = run.catch(() => undefined)
    return run
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
