import type { Fault, FaultRule, Simulator } from '../../../src/main/simulator'

/**
 * Random faults for the soak: on each delivery endpoint, a share of requests (20% by default)
 * meets one of several faults, each kind equally likely. The simulator tries rules in order and
 * a request the dice spare goes on to the next rule, so each rule's chance is its share of what
 * the rules before it left.
 */

const resetting: Fault = { type: 'reset' }
const droppedAfterStore: Fault = { type: 'drop-after-store' }
const unavailable: Fault = { type: 'status', status: 503, retryAfter: '1' }
const badGateway: Fault = { type: 'status', status: 502 }
const tooMany: Fault = { type: 'status', status: 429 }
const captivePortal: Fault = { type: 'html' }
const truncated: Fault = { type: 'malformed-json' }

/**
 * POST /leads gets no malformed JSON: a 2xx with no readable id is a lead created without id,
 * which by design waits for staff and is never posted again (the fault matrix covers it).
 */
export const soakFaults: { method: string; path: string; faults: Fault[] }[] = [
  {
    method: 'POST',
    path: '/leads',
    faults: [resetting, droppedAfterStore, unavailable, badGateway, tooMany, captivePortal],
  },
  {
    method: 'GET',
    path: '/leadinfos/:lead',
    faults: [
      resetting,
      droppedAfterStore,
      unavailable,
      badGateway,
      tooMany,
      captivePortal,
      truncated,
    ],
  },
  {
    method: 'PUT',
    path: '/gdprs/:contact',
    faults: [
      resetting,
      droppedAfterStore,
      unavailable,
      badGateway,
      tooMany,
      captivePortal,
      truncated,
    ],
  },
]

/** Rules giving each fault an equal part of `total` for one method and path. */
export function equalShareRules(
  method: string,
  path: string,
  faults: Fault[],
  total: number,
): FaultRule[] {
  const share = total / faults.length
  return faults.map((fault, index) => ({
    method,
    path,
    chance: share / (1 - share * index),
    fault,
  }))
}

export function addRandomFaults(sim: Simulator, total = 0.2): void {
  for (const { method, path, faults } of soakFaults) {
    for (const rule of equalShareRules(method, path, faults, total)) sim.addFault(rule)
  }
}
