import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDeliveryJournal, type DeliveryJournal } from '../../../src/main/delivery'

describe('delivery journal', () => {
  let dir = ''
  let path = ''
  const open: DeliveryJournal[] = []
  const reopen = async () => {
    const journal = await openDeliveryJournal(path)
    open.push(journal)
    return journal
  }
  const lines = async (file = path) => (await readFile(file, 'utf8')).split('\n').filter(Boolean)

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiosk-journal-'))
    path = join(dir, 'nested', 'journal.jsonl')
  })

  afterEach(async () => {
    await Promise.all(open.splice(0).map((journal) => journal.close().catch(() => undefined)))
    await rm(dir, { recursive: true, force: true })
  })

  it('keeps steps, markers, attempts, ambiguous retries and state across a re-open', async () => {
    const journal = await reopen()
    await journal.recordState('ref-a', 'sending')
    await journal.markStarted('ref-a', 'lead')
    await journal.recordStep('ref-a', 'lead', { leadId: 801, at: '2026-12-04T10:00:00.000Z' })
    await journal.markStarted('ref-a', 'contact')
    await journal.recordState('ref-a', 'pending')
    await journal.recordState('ref-a', 'sending')
    const total = await journal.countAmbiguous('ref-a', 'contact')
    await journal.markStarted('ref-a', 'contact')
    await journal.markStarted('ref-b', 'lead')

    const again = await reopen()

    expect(total).toBe(1)
    expect(again.get('ref-a')).toMatchObject({
      steps: { lead: { leadId: 801 } },
      inFlight: ['contact'],
      attempts: 2,
      ambiguousRetries: 1,
      state: 'sending',
    })
    expect(again.references().sort()).toEqual(['ref-a', 'ref-b'])
    expect(await lines()).toHaveLength(2)
  })

  it('closes a step on a failure, counting malformed answers until needs_attention', async () => {
    const journal = await reopen()
    await journal.markStarted('ref', 'contact')
    await journal.recordFailure('ref', 'contact', 'malformed')
    await journal.markStarted('ref', 'contact')
    await journal.recordFailure('ref', 'contact', 'malformed')

    expect(journal.get('ref')).toMatchObject({ inFlight: [], malformedAnswers: 2 })
    await journal.recordState('ref', 'needs_attention')
    expect(journal.get('ref')?.malformedAnswers).toBe(0)
  })

  it('sets unreadable lines aside in .rejected, counts them, and keeps the rest', async () => {
    const first = await reopen()
    await first.recordStep('good', 'lead', { leadId: 7, at: '2026-12-04T10:00:00.000Z' })
    await first.close()
    const garbage = [
      'not json at all',
      '{"v":1,"t":"started","ref":"x","at":"t","step":"teleport"}',
    ]
    await appendFile(path, `${garbage.join('\n')}\n{"v":1,"t":"sta`)

    const journal = await reopen()

    expect(journal.rejectedLines).toBe(3)
    expect(await lines(`${path}.rejected`)).toEqual([...garbage, '{"v":1,"t":"sta'])
    expect(journal.get('good')?.steps.lead?.leadId).toBe(7)
    expect(journal.references()).toEqual(['good'])
    await journal.recordState('good', 'delivered')
    expect((await reopen()).rejectedLines).toBe(0)
  })

  it('writes every record of concurrent entries', async () => {
    const journal = await reopen()
    const refs = Array.from({ length: 20 }, (_, i) => `ref-${i}`)

    await Promise.all(refs.map((ref) => journal.markStarted(ref, 'lead')))

    expect(await lines()).toHaveLength(20)
    expect((await reopen()).references()).toHaveLength(20)
  })

  it('starts empty when the file does not exist, and fails writes after close', async () => {
    const journal = await reopen()
    expect(journal.references()).toEqual([])
    await journal.close()

    await expect(journal.recordState('ref', 'pending')).rejects.toThrow()
  })

  it('replaces a file left half-written by a crash during compaction', async () => {
    const first = await reopen()
    await first.recordState('ref', 'pending')
    await first.close()
    await writeFile(`${path}.compact`, 'half a li')

    const journal = await reopen()

    expect(journal.get('ref')?.state).toBe('pending')
    expect(journal.rejectedLines).toBe(0)
    expect(await lines()).toHaveLength(1)
  })
})
