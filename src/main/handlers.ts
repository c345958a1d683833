import type { z } from 'zod'
import type { KioskApi, KioskCall } from '../shared/contract'
import { errorKinds, fail, ok } from '../shared/errors'
import type { ErrorKind, Result } from '../shared/errors'
import type { KioskCore } from './app'
import { createStaffSession, staffPinRequired } from './ipc/staff-session'
import type { StaffSessionOptions } from './ipc/staff-session'
import {
  dealerIdSchema,
  deliveryRequestSchema,
  ledgerReportSchema,
  noPayloadSchema,
  pinSchema,
  settingsPatchSchema,
  staffPinChangeSchema,
  tokenSchema,
} from './ipc/schemas'

type CallValue<K extends KioskCall> =
  Awaited<ReturnType<KioskApi[K]>> extends Result<infer T> ? T : never

/**
 * One handler per KioskApi call. Each takes the raw payload as unknown, parses it, and answers
 * a Result: a payload that does not parse is `invalid_input`; nothing ever throws. The shell
 * binds them to IPC channels, the development host to HTTP routes.
 */
export type KioskHandlers = {
  [K in KioskCall]: (payload: unknown) => Promise<Result<CallValue<K>>>
}

/**
 * Staff-only calls (settings, tokens, PIN change, leaving the kiosk) need the staff session that
 * the right PIN opens; without it they answer an `auth` failure before looking at the payload.
 */
export function createHandlers(
  core: KioskCore,
  sessionOptions: StaffSessionOptions = {},
): KioskHandlers {
  const log = core.logger.child('ipc')
  const session = createStaffSession(sessionOptions)

  const handle =
    <S extends z.ZodType, T>(
      call: KioskCall,
      schema: S,
      run: (input: z.output<S>) => Promise<Result<T>> | Result<T>,
    ) =>
    async (payload: unknown): Promise<Result<T>> => {
      const parsed = schema.safeParse(payload)
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}:${issue.code}`)
        log.warn('payload rejected', { call, issues: issues.slice(0, 10) })
        return fail('invalid_input', `The ${call} request was not valid.`)
      }
      try {
        return await run(parsed.data)
      } catch (error) {
        log.error('call failed', { call, error })
        return fail(kindOf(error), 'The kiosk service could not complete this request.')
      }
    }

  const staffOnly =
    <T>(call: KioskCall, run: (payload: unknown) => Promise<Result<T>>) =>
    (payload: unknown): Promise<Result<T>> => {
      if (session.touch()) return run(payload)
      log.warn('staff call without a staff session refused', { call })
      return Promise.resolve(staffPinRequired<T>())
    }

  const verifyStaffPin = async (pin: string): Promise<Result<boolean>> => {
    const result = await core.verifyStaffPin(pin)
    if (result.ok && result.value) session.open()
    return result
  }

  return {
    deliver: handle('deliver', deliveryRequestSchema, (request) => core.deliver(request)),
    getStatus: handle('getStatus', noPayloadSchema, () => ok(core.getStatus())),
    getSettings: handle('getSettings', noPayloadSchema, () => ok(core.getSettings())),
    saveSettings: staffOnly(
      'saveSettings',
      handle('saveSettings', settingsPatchSchema, (patch) => core.saveSettings(patch)),
    ),
    setToken: staffOnly(
      'setToken',
      handle('setToken', tokenSchema, (token) => core.setToken(token)),
    ),
    setAutomagicToken: staffOnly(
      'setAutomagicToken',
      handle('setAutomagicToken', tokenSchema, (token) => core.setAutomagicToken(token)),
    ),
    testConnection: handle('testConnection', noPayloadSchema, () => core.testConnection()),
    getReferenceLists: handle('getReferenceLists', dealerIdSchema, (dealerId) =>
      core.getReferenceLists(dealerId ?? undefined),
    ),
    reportLedger: handle('reportLedger', ledgerReportSchema, (report) => core.reportLedger(report)),
    verifyStaffPin: handle('verifyStaffPin', pinSchema, verifyStaffPin),
    setStaffPin: staffOnly(
      'setStaffPin',
      handle('setStaffPin', staffPinChangeSchema, ({ current, next }) =>
        core.setStaffPin(current, next),
      ),
    ),
    endStaffSession: handle('endStaffSession', noPayloadSchema, () => {
      session.end()
      return ok(true as const)
    }),
    exitKiosk: staffOnly(
      'exitKiosk',
      handle('exitKiosk', noPayloadSchema, () => core.exitKiosk()),
    ),
  }
}

function kindOf(error: unknown): ErrorKind {
  const kind = (error as { kind?: unknown } | null)?.kind
  if (errorKinds.some((known) => known === kind)) return kind as ErrorKind
  if (typeof (error as { code?: unknown } | null)?.code === 'string') return 'storage'
  return 'invalid_input'
}
