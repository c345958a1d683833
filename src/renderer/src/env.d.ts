/// <reference types="vite/client" />
import type { KioskApi } from '../../shared/contract'

declare global {
  interface Window {
    /** The contract with main, exposed by the preload (or by the development host's bridge). */
    kiosk: KioskApi
  }
}

export {}
