import { describe, expect, it } from 'vitest'
import { startSimulator } from '../../../src/main/simulator'
import { automagicHeaders, call, useSimulator, validLead } from './helpers'

describe('cliente-token', () => {
  const sim = useSimulator()

  it('answers 401 without a token and with a wrong one, with a readable message', async () => {
    const missing = await call(sim(), '/tipos', { headers: { 'cliente-token': '' } })
    const wrong = await call(sim(), '/tipos', {
      headers: { 'cliente-token': 'WRONGTOKEN0000000000' },
    })

    expect(missing.status).toBe(401)
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('cliente-token')
  })

  it('answers 403 when set to, and checks the token before the body', async () => {
    sim().setVariants({ authStatus: 403 })

    const response = await call(sim(), '/leads', {
      method: 'POST',
      body: { nombre: '' },
      headers: { 'cliente-token': 'x' },
    })

    expect(response.status).toBe(403)
    expect(sim().leads()).toHaveLength(0)
  })

  it('accepts the token given at start', async () => {
    const custom = await startSimulator({ token: 'ABCDEFGHIJ0123456789' })
    try {
      const accepted = await call(custom, '/leads', { method: 'POST', body: validLead(custom) })
      const demo = await call(custom, '/tipos', { headers: { 'cliente-token': sim().token } })

      expect(custom.token).toBe('ABCDEFGHIJ0123456789')
      expect(accepted.status).toBe(201)
      expect(demo.status).toBe(401)
    } finally {
      await custom.close()
    }
  })
})

describe('Automagic credentials', () => {
  const sim = useSimulator()
  const summary = '/journeys/list/summary?maxResults=25&personalized='

  it('needs api-user and api-token, with or without cliente-token', async () => {
    const withClient = await call(sim(), summary, { headers: automagicHeaders(sim()) })
    const alone = await fetch(`${sim().url}${summary}`, { headers: automagicHeaders(sim()) })

    expect(withClient.status).toBe(200)
    expect(alone.status).toBe(200)
  })

  it('refuses the cliente-token alone, a wrong user and a wrong token', async () => {
    sim().setVariants({ authStatus: 403 })
    const { user, token } = sim().automagic

    const attempts: Record<string, string>[] = [
      {},
      { 'api-user': 'otro@example.com', 'api-token': token },
      { 'api-user': user, 'api-token': 'nope' },
    ]

    const statuses = await Promise.all(
      attempts.map(async (headers) => (await call(sim(), summary, { headers })).status),
    )

    expect(statuses).toEqual([403, 403, 403])
  })
})
