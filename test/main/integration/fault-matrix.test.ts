import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { retryDelayMs } from '../../../src/shared/backoff'
import { saveToken } from './harness'
import { openMatrixRig, type MatrixRig } from './matrix-rig'
import { retryRows, scripted, status, waitOf } from './retry-rows'
import { expectedFlags } from './visitors'

/**
 * DESIGN.md's failure table, row by row, through the whole delivery path: the outbox and the
 * courier, main's handlers and core, and the simulator over HTTP. Each row captures one entry,
 * scripts the fault, flushes once and checks the entry, its next attempt and what LeadCars
 * holds; then clears the fault and checks the recovery the table promises.
 */

let rig: MatrixRig

afterEach(async () => {
  const leaked = rig.personalDataInLogs()
  await rig.close()
  expect(leaked).toEqual([])
})

describe('the failure table: retried with backoff, then delivered', () => {
  it.each(retryRows)('$name → pending ($kind), then delivered', async (expected) => {
    rig = await openMatrixRig()
    const { sim } = rig
    if (expected.fault === 'refused') await sim.goDown()
    else sim.addFault({ method: 'POST', path: '/leads', fault: scripted(expected.fault) })
    const captured = await rig.capture()

    await rig.flush()

    const failed = await rig.entry(captured.reference)
    expect(failed).toMatchObject({ state: 'pending', attempts: 1, ambiguousRetries: 0 })
    expect(failed.lastError?.kind).toBe(expected.kind)
    expect(failed.lastError?.status).toBe(expected.status)
    expect(waitOf(failed)).toBeGreaterThanOrEqual(expected.wait[0])
    expect(waitOf(failed)).toBeLessThanOrEqual(expected.wait[1])
    const [timer] = rig.timers.armed()
    expect(timer?.dueAt).toBeGreaterThanOrEqual(failed.nextAttemptAt)
    expect(rig.leadsOf(failed)).toHaveLength(expected.leads[0])

    if (expected.wait[0] > 60_000) {
      rig.clock.advance(expected.wait[0] - 60_000)
      expect(rig.timers.runDue()).toBe(0)
    }
    if (expected.fault === 'refused') await sim.goUp()
    sim.clearFaults()
    const done = await rig.runNextTimer(captured.reference)

    expect(done).toMatchObject({ state: 'delivered', attempts: 2, lastError: null })
    expect(done.ambiguousRetries).toBe(expected.ambiguousRetries)
    expect(rig.leadsOf(done)).toHaveLength(expected.leads[1])
    expect(rig.requestsTo('POST', '/leads')).toHaveLength(expected.posts)
    expect(sim.contacts().map((contact) => contact.gdpr)).toEqual([
      expectedFlags(captured.consents),
    ])
  })

  it('a timeout after the request left → ambiguous; the late lead is counted', async () => {
    rig = await openMatrixRig({ timeoutMs: 400 })
    const { sim } = rig
    sim.addFault({ method: 'POST', path: '/leads', fault: { type: 'delay', ms: 1_500 }, times: 1 })
    const captured = await rig.capture()

    await rig.flush()

    const timedOut = await rig.entry(captured.reference)
    expect(timedOut).toMatchObject({ state: 'pending', attempts: 1 })
    expect(timedOut.lastError?.kind).toBe('ambiguous')
    await vi.waitFor(() => expect(rig.leadsOf(timedOut)).toHaveLength(1), { timeout: 10_000 })

    const done = await rig.runNextTimer(captured.reference)

    expect(done).toMatchObject({ state: 'delivered', ambiguousRetries: 1 })
    expect(rig.leadsOf(done)).toHaveLength(2)
  })
})

describe('the failure table: auth pauses all delivery until a token tests well', () => {
  it.each([401, 403])('%i on POST /leads → paused, a second entry is not sent', async (code) => {
    rig = await openMatrixRig()
    const { sim, api } = rig
    sim.addFault({ method: 'POST', path: '/leads', fault: status(code) })
    const first = await rig.capture()
    const second = await rig.capture()

    await rig.flush()
    await rig.wake('captured')

    const paused = await rig.entry(first.reference)
    expect(paused).toMatchObject({ state: 'pending', attempts: 0 })
    expect(paused.lastError).toMatchObject({ kind: 'auth', status: code })
    expect(waitOf(paused)).toBe(30_000)
    expect(await rig.entry(second.reference)).toMatchObject({
      state: 'pending',
      lastAttemptAt: null,
    })
    expect(rig.requestsTo('POST', '/leads')).toHaveLength(1)
    expect(sim.leads()).toHaveLength(0)
    expect(rig.courierErrors.map((error) => error.kind)).toContain('auth')
    expect(await api.getStatus()).toMatchObject({ ok: true, value: { authPaused: true } })

    sim.clearFaults()
    rig.clock.advance(60_000)
    await saveToken(api, sim.token)

    expect(await rig.reaches(first.reference, 'delivered')).toMatchObject({ attempts: 1 })
    await rig.reaches(second.reference, 'delivered')
    expect(sim.leads()).toHaveLength(2)
    expect(rig.requestsTo('POST', '/leads')).toHaveLength(3)
    expect(await api.getStatus()).toMatchObject({ ok: true, value: { authPaused: false } })
  })

  it('a token fixed at once resumes the entry that met the 401 too, not 30 s later', async () => {
    rig = await openMatrixRig()
    const { sim, api } = rig
    sim.addFault({ method: 'POST', path: '/leads', fault: status(401), times: 1 })
    const first = await rig.capture()
    const second = await rig.capture()
    await rig.flush()
    expect((await rig.entry(first.reference)).lastError?.kind).toBe('auth')

    await saveToken(api, sim.token)

    await rig.reaches(second.reference, 'delivered')
    await vi.waitFor(() => expect(rig.timers.armed()).not.toHaveLength(0))

    expect(await rig.entry(first.reference)).toMatchObject({ state: 'delivered' })
    expect(sim.leads()).toHaveLength(2)
  })

  it('a token refused from the start sends nothing; the right one delivers all', async () => {
    rig = await openMatrixRig({
      token: 'not-the-dealer-token',
      simulator: { variants: { authStatus: 403 } },
    })
    const { sim, api } = rig
    const first = await rig.capture()
    const second = await rig.capture()

    await rig.flush()

    expect((await rig.entry(first.reference)).lastError?.kind).toBe('auth')
    expect(await rig.entry(second.reference)).toMatchObject({
      state: 'pending',
      lastAttemptAt: null,
    })
    expect(rig.requestsTo('POST', '/leads')).toHaveLength(0)

    rig.clock.advance(60_000)
    await saveToken(api, sim.token)

    await rig.reaches(first.reference, 'delivered')
    await rig.reaches(second.reference, 'delivered')
    expect(sim.leads()).toHaveLength(2)
  })
})

describe('the failure table: what staff must look at', () => {
  it.each([400, 422] as const)(
    '%i → needs attention with the server message; edit and resend',
    async (code) => {
      rig = await openMatrixRig({ simulator: { variants: { validationStatus: code } } })
      const { sim } = rig
      const captured = await rig.capture({ email: 'lucia.nunez@correo' })

      await rig.flush()

      const rejected = await rig.entry(captured.reference)
      expect(rejected).toMatchObject({ state: 'needs_attention', attempts: 1 })
      expect(rejected.lastError).toMatchObject({ kind: 'rejected', status: code })
      expect(rejected.lastError?.message).toContain('El campo email')
      expect(rejected.lastError?.message).not.toContain('lucia.nunez')
      expect(sim.leads()).toHaveLength(0)

      await rig.outbox.edit(captured.reference, {
        ...captured.visitor!,
        email: 'lucia.nunez@correo.es',
      })
      await rig.flush()

      const delivered = await rig.entry(captured.reference)
      expect(delivered).toMatchObject({ state: 'delivered', attempts: 2 })
      expect(rig.leadsOf(delivered).map((lead) => lead.body.email)).toEqual([
        'lucia.nunez@correo.es',
      ])
    },
  )

  it('404 on GET /leadinfos → needs attention, lead id kept, never a second POST', async () => {
    rig = await openMatrixRig()
    const { sim } = rig
    sim.addFault({ method: 'GET', path: '/leadinfos/:lead', fault: status(404), times: 1 })
    const captured = await rig.capture()

    await rig.flush()

    const missing = await rig.entry(captured.reference)
    const [lead] = sim.leads()
    expect(missing).toMatchObject({ state: 'needs_attention', attempts: 1 })
    expect(missing.lastError).toMatchObject({ kind: 'rejected', status: 404 })
    expect(missing.steps.lead?.leadId).toBe(lead?.id)

    await rig.outbox.retry(captured.reference)
    await rig.flush()

    expect(await rig.entry(captured.reference)).toMatchObject({ state: 'delivered', attempts: 2 })
    expect(rig.requestsTo('POST', '/leads')).toHaveLength(1)
    expect(rig.requestsTo('GET', '/leadinfos/:lead')).toHaveLength(2)
    expect(sim.leads()).toHaveLength(1)
  })

  it('an edit once the lead exists reaches LeadCars or is refused, never dropped silently', async () => {
    rig = await openMatrixRig()
    const { sim } = rig
    sim.addFault({ method: 'GET', path: '/leadinfos/:lead', fault: status(404), times: 1 })
    const captured = await rig.capture()
    await rig.flush()
    const corrected = { ...captured.visitor!, email: 'corregido.despues@correo.es' }

    const edit = await rig.outbox.edit(captured.reference, corrected).then(
      () => 'accepted',
      () => 'refused',
    )
    await rig.flush()

    const [lead] = sim.leads()
    const atLeadCars = edit === 'refused' ? 'refused' : await leadEmail(lead?.id)
    expect(['refused', corrected.email]).toContain(atLeadCars)
  })

  it('malformed JSON on GET /leadinfos → retried twice, then needs attention', async () => {
    rig = await openMatrixRig()
    const { sim } = rig
    sim.addFault({ method: 'GET', path: '/leadinfos/:lead', fault: { type: 'malformed-json' } })
    const captured = await rig.capture()

    await rig.flush()
    const first = await rig.entry(captured.reference)
    const second = await rig.runNextTimer(captured.reference)
    const third = await rig.runNextTimer(captured.reference)

    expect([first, second].map((entry) => entry.state)).toEqual(['pending', 'pending'])
    expect([first, second].map(waitOf)).toEqual(
      [1, 2].map((n) => retryDelayMs(n, undefined, () => 0.5)),
    )
    expect(third).toMatchObject({ state: 'needs_attention', attempts: 3 })
    for (const entry of [first, second, third]) {
      expect(entry.lastError).toMatchObject({ kind: 'malformed', status: 200 })
    }
    const excerpt = third.lastError?.excerpt ?? ''
    expect(excerpt.length).toBeGreaterThan(0)
    expect(Object.values(captured.visitor ?? {}).filter((v) => excerpt.includes(v))).toEqual([])

    sim.clearFaults()
    await rig.outbox.retry(captured.reference)
    await rig.flush()

    expect(await rig.entry(captured.reference)).toMatchObject({ state: 'delivered' })
    expect(rig.requestsTo('POST', '/leads')).toHaveLength(1)
    expect(sim.leads()).toHaveLength(1)
  })

  it('created without id (an empty 201) → needs attention, and never a second POST', async () => {
    rig = await openMatrixRig({ simulator: { variants: { createResponse: 'empty' } } })
    const { sim } = rig
    const captured = await rig.capture()

    await rig.flush()

    const created = await rig.entry(captured.reference)
    expect(created).toMatchObject({ state: 'needs_attention', steps: { lead: { leadId: null } } })
    expect(created.lastError?.kind).toBe('malformed')
    expect(created.lastError?.message).toContain(captured.reference)
    expect(rig.leadsOf(created)).toHaveLength(1)

    sim.setVariants({ createResponse: 'id' })
    await rig.outbox.retry(captured.reference)
    await rig.flush()
    rig.clock.advance(24 * 60 * 60_000)
    await rig.flush()

    expect(await rig.entry(captured.reference)).toMatchObject({ state: 'needs_attention' })
    expect(rig.requestsTo('POST', '/leads')).toHaveLength(1)
    expect(sim.leads()).toHaveLength(1)
  })
})

/** The email LeadCars shows for a lead now, read back through the API as a CRM user would. */
async function leadEmail(leadId: number | undefined): Promise<string> {
  const response = await fetch(`${rig.sim.url}/leadinfos/${String(leadId)}`, {
    headers: { 'cliente-token': rig.sim.token },
  })
  return leadInfoSchema.parse(await response.json()).lead.email
}

const leadInfoSchema = z.object({ lead: z.object({ email: z.string() }) })
