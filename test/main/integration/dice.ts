/**
 * Seeded dice for the soak and the benchmark, so that a run can be replayed from its seed.
 * Mulberry32: small, fast, and good enough to spread faults and jitter.
 */
export type Dice = () => number

export function seededDice(seed: number): Dice {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export function pick<T>(dice: Dice, items: readonly T[]): T {
  const item = items[Math.floor(dice() * items.length)]
  if (item === undefined) throw new RangeError('Cannot pick from an empty list')
  return item
}

/** A seed from `SOAK_SEED` when it is a number, else a fresh one (printed by the caller). */
export function seedFromEnv(name = 'SOAK_SEED'): number {
  const given = Number(process.env[name])
  return Number.isInteger(given) ? given : Math.floor(Math.random() * 2 ** 31)
}
