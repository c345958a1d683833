import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'

/** The staff PIN of a fresh install. The README documents it; staff are asked to change it. */
export const defaultStaffPin = '1234'

export const pinPattern = /^\d{4,12}$/

export const pinHashSchema = z.object({
  scheme: z.literal('scrypt'),
  salt: z.base64().min(16),
  hash: z.base64().min(32),
})
export type PinHash = z.infer<typeof pinHashSchema>

const keyLength = 32
const cost = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }

export async function hashPin(pin: string): Promise<PinHash> {
  const salt = randomBytes(16)
  const hash = await derive(pin, salt)
  return { scheme: 'scrypt', salt: salt.toString('base64'), hash: hash.toString('base64') }
}

/** Checks a PIN against its hash, or against the default PIN when none was ever set. */
export async function verifyPin(pin: string, stored: PinHash | undefined): Promise<boolean> {
  if (!stored) return equalText(pin, defaultStaffPin)
  const expected = Buffer.from(stored.hash, 'base64')
  const actual = await derive(pin, Buffer.from(stored.salt, 'base64'))
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

function derive(pin: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFC'), salt, keyLength, cost, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

function equalText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
