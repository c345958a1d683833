import type { KioskApi } from '../../shared/contract'

/** The one way the renderer reaches main: the KioskApi the preload put on `window.kiosk`. */
export function useKioskApi(): KioskApi {
  return window.kiosk
}
