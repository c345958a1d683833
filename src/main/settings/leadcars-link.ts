import type { Routing } from '../../shared/entry'
import type { TokenState } from '../../shared/settings'
import type { DemoBackend } from '../demo'
import { createDelivery } from '../delivery'
import type { Delivery, DeliveryJournal } from '../delivery'
import { createLeadCarsClient } from '../leadcars'
import type { AutomagicCredentials, LeadCarsClient } from '../leadcars'
import type { Logger } from '../log'
import type { SecretStore } from '../secrets'
import type { SettingsStore } from '../settings'
import { effectiveRouting, resolveTarget } from './target'
import type { HostOverrides, Target } from './target'

export type Connection = { baseUrl: string; client: LeadCarsClient; delivery: Delivery }

/**
 * The LeadCars the kiosk talks to right now, as settings, secrets and run-time overrides make
 * it: the target (demo simulator, sandbox, production, custom), a client and a delivery for it,
 * the token in use, and the auth pause. The token is read at each request, never cached here.
 */
export type LeadCarsLink = {
  target(): Target
  connection(): Connection | null
  /** Follows the settings; answers whether the target changed (the auth pause is then reset). */
  retarget(): Promise<boolean>
  routing(): Partial<Routing>
  tokenState(): TokenState
  authPaused(): boolean
  pauseForAuth(): void
  resume(): void
}

export type LinkDeps = {
  settings: SettingsStore
  secrets: SecretStore
  overrides: HostOverrides
  demo: DemoBackend
  journal: DeliveryJournal
  logger: Logger
  timeoutMs?: number
  onReachability: (reachable: boolean) => void
  /** The auth pause was set or lifted. */
  onPauseChange: (paused: boolean) => void
}

export function createLeadCarsLink(deps: LinkDeps): LeadCarsLink {
  const { settings, secrets, overrides, demo } = deps
  const log = deps.logger.child('link')
  let target: Target = { environment: 'demo', baseUrl: null, demo: true }
  let connection: Connection | null = null
  let paused = false

  const token = (): string | null => {
    if (target.demo) return demo.current()?.token ?? null
    return overrides.token ?? secrets.get('leadcarsToken')
  }

  const automagic = (): AutomagicCredentials | null => {
    if (target.demo) return demo.current()?.automagic ?? null
    const user = settings.current().automagic.apiUser
    const automagicToken = secrets.get('automagicToken')
    return user && automagicToken ? { user, token: automagicToken } : null
  }

  const demoRouting = (): Partial<Routing> | null => {
    const reference = target.demo ? demo.current()?.reference : undefined
    if (!reference) return null
    const { dealerId, siteId, campaignCode, showroomLeadTypeId: leadTypeId } = reference
    return { dealerId, siteId, campaignCode, leadTypeId }
  }

  const setPaused = (next: boolean): void => {
    if (paused === next) return
    paused = next
    if (next) log.warn('LeadCars refused the token: delivery paused')
    else log.info('delivery resumed')
    deps.onPauseChange(next)
  }

  const connect = (baseUrl: string): Connection => {
    const client = createLeadCarsClient({ baseUrl, token, automagic, timeoutMs: deps.timeoutMs })
    const delivery = createDelivery({
      client,
      journal: deps.journal,
      target: baseUrl,
      settings: () => ({
        ...settings.current(),
        routing: effectiveRouting(settings.current(), overrides, demoRouting()),
      }),
      isAuthPaused: () => paused,
      onAuthFailure: () => setPaused(true),
      onReachability: deps.onReachability,
      log: deps.logger.child('delivery'),
    })
    return { baseUrl, client, delivery }
  }

  return {
    target: () => target,
    connection: () => connection,
    retarget: async () => {
      const wantsDemo = !overrides.url && settings.current().environment === 'demo'
      const simulator = wantsDemo ? await demo.start() : null
      const next = resolveTarget(settings.current(), overrides, simulator?.url ?? null)
      if (next.baseUrl === target.baseUrl && next.demo === target.demo) return false
      target = next
      connection = next.baseUrl ? connect(next.baseUrl) : null
      setPaused(false)
      log.info('LeadCars target set', { environment: next.environment, demo: next.demo })
      return true
    },
    routing: () => effectiveRouting(settings.current(), overrides, demoRouting()),
    tokenState: () => (overrides.token ? 'stored' : secrets.state('leadcarsToken')),
    authPaused: () => paused,
    pauseForAuth: () => setPaused(true),
    resume: () => setPaused(false),
  }
}
