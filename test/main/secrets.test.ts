import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../../src/main/log'
import type { Cipher } from '../../src/main/secrets'
import { createKeyCipher, noneCipher, openSecretStore } from '../../src/main/secrets'

const token = 'LcT0k3nForTests20chr'
let dir: string
let path: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-secrets-'))
  path = join(dir, 'secrets.json')
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A keychain-like cipher whose `basic_text` variant encrypts but offers no OS protection. */
function basicTextCipher(): Cipher {
  const inner = createKeyCipher(randomBytes(32))
  return { ...inner, available: () => false, backend: () => 'basic_text' }
}

describe('secret store', () => {
  it('reports missing before anything is saved', async () => {
    const store = await openSecretStore(
      path,
      createKeyCipher(randomBytes(32)),
      createMemoryLogger(),
    )
    expect(store.state('leadcarsToken')).toBe('missing')
    expect(store.get('leadcarsToken')).toBeNull()
  })

  it('stores a token encrypted when the cipher has an OS keychain, and reads it back', async () => {
    const cipher = createKeyCipher(randomBytes(32))
    const store = await openSecretStore(path, cipher, createMemoryLogger())

    expect(await store.set('leadcarsToken', token)).toBe('stored')

    expect(await readFile(path, 'utf8')).not.toContain(token)
    expect(await readFile(path, 'utf8')).not.toContain(Buffer.from(token).toString('base64'))
    const reopened = await openSecretStore(path, cipher, createMemoryLogger())
    expect(reopened.state('leadcarsToken')).toBe('stored')
    expect(reopened.get('leadcarsToken')).toBe(token)
    expect(reopened.state('automagicToken')).toBe('missing')
  })

  it('stores anyway but says unprotected when there is no OS keychain (basic_text)', async () => {
    const cipher = basicTextCipher()
    const store = await openSecretStore(path, cipher, createMemoryLogger())

    expect(await store.set('leadcarsToken', token)).toBe('unprotected')

    const reopened = await openSecretStore(path, cipher, createMemoryLogger())
    expect(reopened.state('leadcarsToken')).toBe('unprotected')
    expect(reopened.get('leadcarsToken')).toBe(token)
  })

  it('says unprotected with the none cipher', async () => {
    const store = await openSecretStore(path, noneCipher, createMemoryLogger())
    expect(await store.set('automagicToken', token)).toBe('unprotected')
    expect(store.get('automagicToken')).toBe(token)
  })

  it('stores plain but unprotected when the cipher cannot encrypt at all', async () => {
    const broken: Cipher = {
      available: () => false,
      backend: () => 'unavailable',
      encrypt: () => {
        throw new Error('Encryption is not available.')
      },
      decrypt: () => {
        throw new Error('Decryption is not available.')
      },
    }
    const store = await openSecretStore(path, broken, createMemoryLogger())

    expect(await store.set('leadcarsToken', token)).toBe('unprotected')

    const reopened = await openSecretStore(path, broken, createMemoryLogger())
    expect(reopened.get('leadcarsToken')).toBe(token)
  })

  it('is unreadable after a key change, never returned, and healed by a new save', async () => {
    const first = await openSecretStore(
      path,
      createKeyCipher(randomBytes(32)),
      createMemoryLogger(),
    )
    await first.set('leadcarsToken', token)
    const logger = createMemoryLogger()

    const replacedKey = createKeyCipher(randomBytes(32))
    const afterChange = await openSecretStore(path, replacedKey, logger)

    expect(afterChange.state('leadcarsToken')).toBe('unreadable')
    expect(afterChange.get('leadcarsToken')).toBeNull()
    expect(logger.records.some((record) => record.level === 'warn')).toBe(true)
    expect(await afterChange.set('leadcarsToken', 'AnotherToken12345678')).toBe('stored')
    const healed = await openSecretStore(path, replacedKey, createMemoryLogger())
    expect(healed.get('leadcarsToken')).toBe('AnotherToken12345678')
  })

  it('says unreadable (not missing) for a garbled secrets file, without crashing', async () => {
    await writeFile(path, '{"version":1,"secrets":{"leadcarsToken":{"blob":12}}')
    const logger = createMemoryLogger()
    const store = await openSecretStore(path, noneCipher, logger)
    expect(store.state('leadcarsToken')).toBe('unreadable')
    expect(store.get('leadcarsToken')).toBeNull()
    expect(logger.records.some((record) => record.level === 'warn')).toBe(true)
  })

  it('keeps a truncated secrets file aside before the next save replaces it', async () => {
    const damaged = '{"version":1,"secrets":{"leadcarsToken":{"blob":"AAAA'
    await writeFile(path, damaged)
    const store = await openSecretStore(path, noneCipher, createMemoryLogger())
    expect(store.state('leadcarsToken')).toBe('unreadable')
    expect(await readdir(dir)).toEqual(['secrets.json'])

    await Promise.all([
      store.set('automagicToken', 'automagic-token-1'),
      store.set('leadcarsToken', token),
    ])

    const aside = (await readdir(dir)).filter((file) => file.startsWith('secrets.json.bad-'))
    expect(aside).toHaveLength(1)
    expect(await readFile(join(dir, aside[0] ?? ''), 'utf8')).toBe(damaged)
    const reopened = await openSecretStore(path, noneCipher, createMemoryLogger())
    expect(reopened.get('automagicToken')).toBe('automagic-token-1')
    expect(reopened.get('leadcarsToken')).toBe(token)
  })

  it('keeps the intact secrets of a partly bad file and marks only the bad one', async () => {
    const cipher = createKeyCipher(randomBytes(32))
    const first = await openSecretStore(path, cipher, createMemoryLogger())
    await first.set('leadcarsToken', token)
    const text = JSON.parse(await readFile(path, 'utf8')) as { secrets: Record<string, unknown> }
    text.secrets.automagicToken = { blob: 12 }
    await writeFile(path, JSON.stringify(text))

    const store = await openSecretStore(path, cipher, createMemoryLogger())
    expect(store.get('leadcarsToken')).toBe(token)
    expect(store.state('leadcarsToken')).toBe('stored')
    expect(store.state('automagicToken')).toBe('unreadable')
  })

  it('refuses to store a value that is not a printable secret', async () => {
    const store = await openSecretStore(path, noneCipher, createMemoryLogger())
    await expect(store.set('leadcarsToken', 'short')).rejects.toThrow(TypeError)
    expect(store.state('leadcarsToken')).toBe('missing')
  })

  it('masks the token in every later log line', async () => {
    const logger = createMemoryLogger()
    const store = await openSecretStore(path, noneCipher, logger)
    await store.set('leadcarsToken', token)
    logger.child('leadcars').error(`request with ${token} failed`)
    expect(JSON.stringify(logger.records)).not.toContain(token)
  })
})
