import { safeStorage } from 'electron'
import type { Cipher } from '../secrets'

/**
 * The secret store's cipher over Electron's safeStorage. On Linux without a keyring Electron
 * falls back to `basic_text` (a key built into Chromium): secrets are then reported as not
 * protected by the OS. Create it after the app is ready.
 */
export function createSafeStorageCipher(): Cipher {
  const backend = (): string => {
    if (process.platform === 'linux') return safeStorage.getSelectedStorageBackend()
    return process.platform === 'darwin' ? 'keychain' : 'dpapi'
  }
  return {
    available: () =>
      safeStorage.isEncryptionAvailable() && !['basic_text', 'unknown'].includes(backend()),
    backend,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (blob) => safeStorage.decryptString(blob),
  }
}
