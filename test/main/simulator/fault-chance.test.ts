import { describe, expect, it } from 'vitest'
import { call, useSimulator, validLead } from './helpers'

describe('fault chance', () => {
  const dice = [0.1, 0.9, 0.29, 0.31]
  const sim = useSimulator({ random: () => dice.shift() ?? 1 })
  const postLead = (): Promise<Response> =>
    call(sim(), '/leads', { method: 'POST', body: validLead(sim()) })

  it('applies a fault only when the dice fall under its chance', async () => {
    sim().addFault({
      method: 'POST',
      path: '/leads',
      chance: 0.3,
      fault: { type: 'status', status: 503 },
    })

    const statuses = []
    for (let i = 0; i < 4; i += 1) statuses.push((await postLead()).status)

    expect(statuses).toEqual([503, 201, 503, 201])
    expect(sim().leads()).toHaveLength(2)
  })

  it('refuses a chance outside 0 to 1', () => {
    expect(() => sim().addFault({ chance: 1.5, fault: { type: 'html' } })).toThrow(RangeError)
  })
})
