import type { KioskError } from '../../../shared/errors'

/**
 * The outbox could not store a change (full disk, quota, a broken store). A rejected write is
 * always reported as this error, never as success. `quota` tells "storage is full" apart from
 * other write failures, so the screens can ask the visitor to call staff.
 */
export class OutboxWriteError extends Error {
  readonly kind = 'storage' as const
  readonly quota: boolean

  constructor(message: string, quota: boolean, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'OutboxWriteError'
    this.quota = quota
  }

  toKioskError(): KioskError {
    return { kind: 'storage', message: this.message }
  }
}

/** A staff action that does not apply to the entry in its current state (or to no entry). */
export class OutboxStateError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OutboxStateError'
  }
}

/** Turns whatever a failed write threw into an OutboxWriteError, keeping the original as cause. */
export function toWriteError(error: unknown, action: string): Error {
  if (error instanceof OutboxWriteError || error instanceof OutboxStateError) return error
  const quota = isQuotaError(error)
  const detail = quota ? 'the device storage is full' : `the store refused it (${errorName(error)})`
  return new OutboxWriteError(`The outbox could not ${action}: ${detail}`, quota, { cause: error })
}

/** Browsers and Dexie report a full store under this name, at times wrapped in an abort. */
function isQuotaError(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 5 && isObject(current); depth += 1) {
    if (current.name === 'QuotaExceededError') return true
    current = current.inner ?? current.cause
  }
  return false
}

function errorName(error: unknown): string {
  return isObject(error) && typeof error.name === 'string' ? error.name : 'unknown error'
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
