import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createStaffPin } from '../../src/main/ipc/staff-pin'
import type { StaffPin } from '../../src/main/ipc/staff-pin'
import { createMemoryLogger } from '../../src/main/log'
import { defaultStaffPin, openSettingsStore } from '../../src/main/settings'
import type { SettingsStore } from '../../src/main/settings'

const rightPin = '7391'
let dir: string
let hashesChecked: number

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-staff-pin-'))
  hashesChecked = 0
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A staff PIN over a real settings store whose PIN is `rightPin`, counting every hash check. */
async function openStaffPin(): Promise<StaffPin> {
  const store = await openSettingsStore(join(dir, 'settings.json'), createMemoryLogger())
  expect((await store.changePin(defaultStaffPin, rightPin)).ok).toBe(true)
  const counting: SettingsStore = {
    ...store,
    verifyPin: (pin) => {
      hashesChecked += 1
      return store.verifyPin(pin)
    },
  }
  return createStaffPin(counting, createMemoryLogger())
}

/** 200 distinct wrong four-digit guesses with the right PIN at `rightAt`. */
function guessesWithRightAt(rightAt: number): string[] {
  const wrong = Array.from({ length: 201 }, (_, i) => String(7200 + i)).filter(
    (pin) => pin !== rightPin,
  )
  const guesses = wrong.slice(0, 200)
  guesses.splice(rightAt, 0, rightPin)
  return guesses
}

describe('staff PIN lockout', () => {
  it('locks after five wrong PINs in a row, refusing even the right one', async () => {
    const staffPin = await openStaffPin()
    for (let i = 0; i < 5; i += 1) {
      expect(await staffPin.verify('0000')).toEqual({ ok: true, value: false })
    }
    const after = await staffPin.verify(rightPin)
    expect(after.ok).toBe(false)
    expect(hashesChecked).toBe(5)
  })

  it('checks no more than five of a burst of parallel guesses, so the right one is refused', async () => {
    const staffPin = await openStaffPin()
    const guesses = guessesWithRightAt(100)

    const answers = await Promise.all(guesses.map((pin) => staffPin.verify(pin)))

    expect(answers.filter((answer) => answer.ok)).toHaveLength(5)
    expect(answers[100]?.ok).toBe(false)
    expect(answers.some((answer) => answer.ok && answer.value)).toBe(false)
    expect(hashesChecked).toBe(5)
  }, 60_000)

  it('accepts the right PIN when it comes among the first five of a burst', async () => {
    const staffPin = await openStaffPin()
    const guesses = guessesWithRightAt(2)

    const answers = await Promise.all(guesses.map((pin) => staffPin.verify(pin)))

    expect(answers[2]).toEqual({ ok: true, value: true })
    expect(answers.filter((answer) => answer.ok && answer.value)).toHaveLength(1)
    // Two wrong before the right PIN, then five more before the lockout applies again.
    expect(hashesChecked).toBe(8)
  }, 60_000)

  it('refuses a PIN change while locked', async () => {
    const staffPin = await openStaffPin()
    await Promise.all(Array.from({ length: 10 }, () => staffPin.verify('0000')))

    const changed = await staffPin.change(rightPin, '5555')

    expect(changed.ok).toBe(false)
    expect(hashesChecked).toBe(5)
  })
})
