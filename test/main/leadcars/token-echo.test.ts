import { afterEach, describe, expect, it } from 'vitest'
import { clientAt, errorOf, startRecorder } from './fixtures'

/**
 * Defect: a server echoing the request (the token in a 401 message, or its headers in a 2xx)
 * sent the token on to the renderer in `message` or `excerpt`. The client masks its secrets.
 */

const token = 'k3Xq9LmZ2wVb7RtY5nPa'
const automagic = { user: 'kiosk', token: 'Am4gicT0kenZ9yX8wV7u' }

let close: (() => Promise<void>) | undefined
afterEach(async () => close?.())

function shown(error: { message: string; excerpt?: string }): string {
  return `${error.message} ${error.excerpt ?? ''}`
}

describe('token-echo: no message or excerpt shows a token', () => {
  it('masks the token a 401 message repeats', async () => {
    const recorder = await startRecorder((seen, res) => {
      const echoed = String(seen.headers['cliente-token'])
      res.writeHead(401, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: `Token ${echoed} no válido` }))
    })
    close = recorder.close

    const error = errorOf(await clientAt(recorder.url, { token: () => token }).listDealers())

    expect(error.kind).toBe('auth')
    expect(shown(error)).toContain('no válido')
    expect(shown(error)).not.toContain(token)
  })

  it('masks both tokens in the excerpt of an unreadable 2xx that echoes the headers', async () => {
    const recorder = await startRecorder((seen, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ received: seen.headers }))
    })
    close = recorder.close
    const client = clientAt(recorder.url, { token: () => token, automagic: () => automagic })

    const lists = errorOf(await client.listDealers())
    const journeys = errorOf(await client.listJourneys())

    expect(lists.kind).toBe('malformed')
    expect(journeys.kind).toBe('malformed')
    for (const error of [lists, journeys]) {
      expect(shown(error)).toContain('[redacted]')
      expect(shown(error)).not.toContain(token)
      expect(shown(error)).not.toContain(automagic.token)
    }
  })
})
