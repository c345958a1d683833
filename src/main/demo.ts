import type { Logger } from './log'
import { startSimulator } from './simulator'
import type { Simulator } from './simulator'

/**
 * Demo mode's LeadCars: the simulator, inside the app on a loopback port, started the first
 * time demo mode needs it and stopped with the app. Its leads live in memory only.
 */
export type DemoBackend = {
  start(): Promise<Simulator>
  /** The running simulator, if demo mode has started it. */
  current(): Simulator | null
  close(): Promise<void>
}

export function createDemoBackend(log: Logger): DemoBackend {
  let starting: Promise<Simulator> | null = null
  let running: Simulator | null = null

  return {
    start: () => {
      starting ??= startSimulator({ port: 0 }).then((simulator) => {
        running = simulator
        log.info('demo simulator started', { url: simulator.url })
        return simulator
      })
      return starting
    },
    current: () => running,
    close: async () => {
      const simulator = await starting?.catch(() => null)
      await simulator?.close()
      starting = null
      running = null
    },
  }
}
