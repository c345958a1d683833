import type { KioskEvent } from '../../shared/contract'
import type { Logger } from '../log'

/** Fan-out of KioskEvents to subscribers (IPC windows, SSE clients); a failing one is logged. */
export type EventHub = {
  emit(event: KioskEvent): void
  subscribe(listener: (event: KioskEvent) => void): () => void
  clear(): void
}

export function createEventHub(log: Logger): EventHub {
  const listeners = new Set<(event: KioskEvent) => void>()
  return {
    emit: (event) => {
      for (const listener of listeners) {
        try {
          listener(event)
        } catch (error) {
          log.error('event listener failed', { type: event.type, error })
        }
      }
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    clear: () => listeners.clear(),
  }
}
