import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { TokenState } from '../shared/settings'
import type { Logger } from './log'
import { serialFileWriter } from './settings/files'
import type { SecretName, StoredSecret } from './settings/secrets-file'
import { keepAside, readSecretsFile, secretNames } from './settings/secrets-file'

export { secretNames }
export type { SecretName }

/**
 * Secrets (the LeadCars token, the Automagic token) kept in one JSON file as encrypted blobs.
 * The store never hides how safe a secret is: with no OS keychain behind the cipher it stores
 * the secret anyway and reports it `unprotected`; a blob that no longer decrypts (keychain
 * replaced) is `unreadable` and `get` returns null until a new value is set. A damaged file
 * makes every secret it may have held `unreadable`; it is kept aside as `secrets.json.bad-<time>`
 * before the first new save replaces it.
 */

/** Encryption of secrets at rest; the Electron adapter wraps safeStorage. */
export type Cipher = {
  /** True only when an OS keychain protects the key (not a built-in fallback key). */
  available(): boolean
  /** Name of the backend, for staff and logs (`keychain`, `basic_text`, `none`, ...). */
  backend(): string
  encrypt(plain: string): Buffer
  decrypt(blob: Buffer): string
}

export type SecretStore = {
  get(name: SecretName): string | null
  set(name: SecretName, value: string): Promise<TokenState>
  state(name: SecretName): TokenState
}

/** A secret is printable ASCII; anything else out of a decrypt is a wrong key, not a token. */
export const secretPattern = /^[\x21-\x7e]{8,200}$/

type Slot = { value: string | null; state: TokenState }

export async function openSecretStore(
  path: string,
  cipher: Cipher,
  logger: Logger,
): Promise<SecretStore> {
  const { file, unreadable, damaged } = await readSecretsFile(path, logger)
  const slots = new Map<SecretName, Slot>()
  for (const name of secretNames) {
    const slot: Slot = unreadable.includes(name)
      ? { value: null, state: 'unreadable' }
      : openSlot(file.secrets[name], cipher)
    slots.set(name, slot)
  }
  for (const [name, slot] of slots) {
    if (slot.value) logger.addSecret(slot.value)
    if (slot.state === 'unreadable') logger.warn('stored secret is unreadable', { name })
  }
  const writeFile = serialFileWriter(path)
  let keptAside: Promise<void> | null = damaged ? null : Promise.resolve()
  const write = async (data: string): Promise<void> => {
    keptAside ??= keepAside(path, logger)
    await keptAside
    await writeFile(data)
  }

  return {
    get: (name) => slots.get(name)?.value ?? null,
    state: (name) => slots.get(name)?.state ?? 'missing',
    set: async (name, value) => {
      if (!secretPattern.test(value)) {
        throw new TypeError('A secret is 8 to 200 printable characters')
      }
      logger.addSecret(value)
      const stored = sealSecret(value, cipher)
      file.secrets[name] = stored
      await write(`${JSON.stringify(file, null, 2)}\n`)
      const state: TokenState = stored.protected ? 'stored' : 'unprotected'
      slots.set(name, { value, state })
      logger.info('secret saved', { name, state, backend: stored.backend })
      return state
    },
  }
}

function openSlot(stored: StoredSecret | undefined, cipher: Cipher): Slot {
  if (!stored) return { value: null, state: 'missing' }
  const value = unsealSecret(stored, cipher)
  if (value === null) return { value: null, state: 'unreadable' }
  return { value, state: stored.protected ? 'stored' : 'unprotected' }
}

function sealSecret(value: string, cipher: Cipher): StoredSecret {
  const savedAt = new Date().toISOString()
  try {
    const blob = cipher.encrypt(value).toString('base64')
    return {
      blob,
      scheme: 'cipher',
      protected: cipher.available(),
      backend: cipher.backend(),
      savedAt,
    }
  } catch {
    const blob = Buffer.from(value, 'utf8').toString('base64')
    return { blob, scheme: 'plain', protected: false, backend: 'none', savedAt }
  }
}

function unsealSecret(stored: StoredSecret, cipher: Cipher): string | null {
  try {
    const blob = Buffer.from(stored.blob, 'base64')
    const value = stored.scheme === 'plain' ? blob.toString('utf8') : cipher.decrypt(blob)
    return secretPattern.test(value) ? value : null
  } catch {
    return null
  }
}

/** Stores secrets with no encryption at all; they are reported `unprotected`. */
export const noneCipher: Cipher = {
  available: () => false,
  backend: () => 'none',
  encrypt: (plain) => Buffer.from(plain, 'utf8'),
  decrypt: (blob) => blob.toString('utf8'),
}

/** AES-256-GCM with a given key: for tests and the development host, never for users. */
export function createKeyCipher(key: Buffer, options: { protected?: boolean } = {}): Cipher {
  if (key.length !== 32) throw new Error('createKeyCipher needs a 32-byte key')
  return {
    available: () => options.protected ?? true,
    backend: () => 'aes-256-gcm',
    encrypt: (plain) => {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decrypt: (blob) => {
      const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12))
      decipher.setAuthTag(blob.subarray(12, 28))
      return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
}
