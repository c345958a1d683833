import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { excerpt, redact, scanLength } from '../../../src/main/leadcars/redact'
import { readableMessage } from '../../../src/main/leadcars/messages'
import { clientAt, errorOf, startRecorder } from './fixtures'

/**
 * Defect: the email pattern took time quadratic in the body, so a captive portal with an inline
 * logo blocked main for seconds. Only a bounded prefix is read, with linear patterns.
 */

const bigBody = 200 * 1024

let close: (() => Promise<void>) | undefined
afterEach(async () => close?.())

function timed(run: () => unknown): number {
  const started = performance.now()
  run()
  return performance.now() - started
}

describe('redaction-time: a huge body is classified quickly', () => {
  it('classifies a 200 KB portal page with an inline image in well under a second', async () => {
    const logo = randomBytes(bigBody).toString('base64').slice(0, bigBody)
    const page = `<html><head><title>Wi-Fi</title></head><body><img src="data:${logo}"></body></html>`
    const recorder = await startRecorder((_, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(page),
    )
    close = recorder.close
    const client = clientAt(recorder.url)

    const started = performance.now()
    const error = errorOf(await client.listDealers())

    expect(performance.now() - started).toBeLessThan(2000)
    expect(error.kind).toBe('transient')
  })

  it('reads 200 KB bodies built against each pattern in well under a second', () => {
    const bodies = [
      'a'.repeat(bigBody),
      '<'.repeat(bigBody),
      '<script>'.repeat(bigBody / 8),
      `${'x'.repeat(bigBody)}@`,
      '&#1'.repeat(bigBody / 3),
    ]
    for (const body of bodies) {
      expect(timed(() => readableMessage(body, ['Zoraida']))).toBeLessThan(2000)
      expect(timed(() => excerpt(body, ['Zoraida']))).toBeLessThan(2000)
    }
  })

  it('drops a word cut at the end of the prefix, so half an email is never shown', () => {
    const body = `${' '.repeat(scanLength - 10)}zoraida.quintanilla@example.com and more`

    expect(excerpt(body)).not.toContain('zoraida')
    expect(redact(body)).not.toContain('zoraida')
  })

  it('still masks emails and phones inside the prefix', () => {
    expect(excerpt('write to zoraida@example.com or +34 612 345 678')).toBe(
      'write to [email] or [number]',
    )
  })
})
