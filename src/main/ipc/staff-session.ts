import { fail } from '../../shared/errors'
import type { Result } from '../../shared/errors'

/** How long a staff session stays open without a staff call. */
export const staffSessionIdleMs = 10 * 60 * 1000

/**
 * The staff session in main, in memory only: the right staff PIN opens it, a staff call keeps
 * it open, and it ends on request or after `idleMs` without a staff call. Staff-only calls are
 * authorised here, so a renderer that skips its own PIN screen still gets nothing.
 */
export type StaffSession = {
  open(): void
  end(): void
  /** Whether a session is open now; an open session's idle time starts again. */
  touch(): boolean
}

export type StaffSessionOptions = { now?: () => number; idleMs?: number }

export function createStaffSession(options: StaffSessionOptions = {}): StaffSession {
  const now = options.now ?? Date.now
  const idleMs = options.idleMs ?? staffSessionIdleMs
  let lastUsedAt: number | null = null

  const isOpen = (): boolean => lastUsedAt !== null && now() - lastUsedAt < idleMs

  return {
    open: () => {
      lastUsedAt = now()
    },
    end: () => {
      lastUsedAt = null
    },
    touch: () => {
      if (!isOpen()) {
        lastUsedAt = null
        return false
      }
      lastUsedAt = now()
      return true
    },
  }
}

export const staffPinRequired = <T>(): Result<T> => fail('auth', 'Staff PIN required')
