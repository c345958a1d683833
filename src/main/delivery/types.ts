import type { DeliveryOutcome, DeliveryRequest, Routing } from '../../shared/entry'
import type { DynamicFieldPlacement } from '../../shared/settings'
import type { LeadCarsClient } from '../leadcars'
import type { Logger } from '../log'
import type { DeliveryJournal } from './journal'

/** The settings a delivery reads at the start of each attempt. */
export type DeliverySettings = {
  dynamicFieldPlacement: DynamicFieldPlacement
  automagic: { enabled: boolean; journeyId?: number }
  /** The routing staff configured; fills what an entry captured before it was set lacks. */
  routing?: Partial<Routing>
}

export type DeliveryDeps = {
  client: LeadCarsClient
  journal: DeliveryJournal
  /**
   * The LeadCars base URL `client` talks to, recorded with an entry's first step; an entry whose
   * steps belong to another one is not sent. Unchecked when absent.
   */
  target?: string
  settings: () => DeliverySettings
  /** True while LeadCars refuses the token: nothing is sent until staff fix it. */
  isAuthPaused: () => boolean
  /** LeadCars refused the token (401/403): pause all delivery and tell staff. */
  onAuthFailure: () => void
  /** true on any HTTP answer from LeadCars; false when the network could not reach it. */
  onReachability: (reachable: boolean) => void
  now?: () => Date
  log?: Logger
}

export type Delivery = {
  /** Delivers one entry as far as it can go now. Never throws. */
  deliver(request: DeliveryRequest): Promise<DeliveryOutcome>
}
