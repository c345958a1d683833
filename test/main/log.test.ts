import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger, createMemoryLogger, createRedactor } from '../../src/main/log'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-log-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function linesOf(file: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(dir, file), 'utf8')
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

describe('file logger', () => {
  it('writes JSON lines with time, level, module, message and fields', async () => {
    const logger = createLogger(dir).child('delivery')
    logger.info('entry delivered', {
      reference: '0b7c5c7e-3f0e-4c1e-9d5a-6f1f0f3c2a11',
      leadId: 42,
    })

    const [line] = await linesOf('kiosk.log')
    expect(line).toMatchObject({
      level: 'info',
      module: 'delivery',
      message: 'entry delivered',
      fields: { reference: '0b7c5c7e-3f0e-4c1e-9d5a-6f1f0f3c2a11', leadId: 42 },
    })
    expect(Date.parse(String(line?.time))).not.toBeNaN()
  })

  it('names nested children after their parents and drops lines under the level', async () => {
    const logger = createLogger(dir, { level: 'warn' })
    logger.child('ipc').child('ledger').warn('missing entries', { count: 2 })
    logger.child('ipc').info('not written')

    const lines = await linesOf('kiosk.log')
    expect(lines.map((line) => line.module)).toEqual(['ipc.ledger'])
  })

  it('rotates by size and keeps at most maxFiles files', async () => {
    const logger = createLogger(dir, { maxBytes: 2_000, maxFiles: 3 })
    for (let index = 0; index < 200; index += 1) logger.info('line', { index })

    const files = (await readdir(dir)).sort()
    expect(files).toEqual(['kiosk.log', 'kiosk.log.1', 'kiosk.log.2'])
    const newest = await linesOf('kiosk.log')
    expect(newest.at(-1)?.fields).toEqual({ index: 199 })
    const older = await linesOf('kiosk.log.1')
    const lastOlder = older.at(-1)?.fields as { index: number }
    const firstNewest = newest[0]?.fields as { index: number }
    expect(lastOlder.index + 1).toBe(firstNewest.index)
  })
})

describe('redaction', () => {
  it('masks a token and an email on a line, in fields and in the message', async () => {
    const logger = createLogger(dir)
    logger.warn('lead rejected for ana.garcia@example.es', {
      'cliente-token': 'abcdefghij0123456789',
      nested: { email: 'ana.garcia@example.es', telefono: '+34612345678', state: 'pending' },
      note: 'call 612 34 56 78 later',
    })

    const text = await readFile(join(dir, 'kiosk.log'), 'utf8')
    expect(text).not.toContain('abcdefghij0123456789')
    expect(text).not.toContain('ana.garcia')
    expect(text).not.toContain('612345678')
    expect(text).not.toContain('612 34 56 78')
    const [line] = await linesOf('kiosk.log')
    expect(line?.message).toBe('lead rejected for [email]')
    expect(line?.fields).toEqual({
      'cliente-token': '[redacted]',
      nested: { email: '[redacted]', telefono: '[redacted]', state: 'pending' },
      note: 'call [phone] later',
    })
  })

  it('masks a registered secret anywhere, in every logger of the tree', () => {
    const logger = createMemoryLogger()
    const child = logger.child('leadcars')
    logger.addSecret('S3cr3tT0kenValue99')
    child.error('request failed: header was S3cr3tT0kenValue99', { detail: 'x S3cr3tT0kenValue99' })

    expect(JSON.stringify(logger.records)).not.toContain('S3cr3tT0kenValue99')
    expect(logger.records[0]?.message).toBe('request failed: header was [secret]')
  })

  it('keeps references, ids, times and states readable', () => {
    const redactor = createRedactor()
    const kept = 'ref 123e4567-e89b-12d3-a456-426614174000 at 2025-11-20T17:00:59.000Z lead 123456'
    expect(redactor.text(kept)).toBe(kept)
    expect(redactor.fields({ leadId: 987654321, state: 'delivered' })).toEqual({
      leadId: 987654321,
      state: 'delivered',
    })
  })

  it('redacts personal keys whatever their spelling', () => {
    const redactor = createRedactor()
    const fields = redactor.fields({
      firstName: 'Ana',
      APELLIDOS: 'García',
      postal_code: '28001',
      Comment: 'hi',
      pin: '1234',
      kind: 'rejected',
    })
    expect(fields).toEqual({
      firstName: '[redacted]',
      APELLIDOS: '[redacted]',
      postal_code: '[redacted]',
      Comment: '[redacted]',
      pin: '[redacted]',
      kind: 'rejected',
    })
  })
})
