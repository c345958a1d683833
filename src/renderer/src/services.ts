import { inject, type InjectionKey } from 'vue'
import type { Courier, Outbox } from './outbox'

/** The renderer's long-lived parts, created once at start-up and provided to the app. */
export type Services = { outbox: Outbox; courier: Courier }

export const servicesKey: InjectionKey<Services> = Symbol('services')

/** The outbox and courier provided at app start. Call from a component or store setup. */
export function useServices(): Services {
  const services = inject(servicesKey)
  if (!services) throw new Error('The outbox and courier were not provided to the app')
  return services
}
