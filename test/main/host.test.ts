import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { KioskApi } from '../../src/shared/contract'
import { startSimulator, type Simulator } from '../../src/main/simulator'
import { createMemoryLogger } from '../../src/main/log'
import { sampleDeliveryRequest, simulatorRouting } from '../host/requests'
import { startHost, type Host } from '../host/server'

let dir: string
let rendererDir: string
let sim: Simulator
let host: Host

const appIndex = `<!doctype html>
<html><head><title>Kiosk</title>
<script type="module" src="./assets/app.js"></script>
</head><body><div id="app"></div></body></html>`

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-host-'))
  rendererDir = join(dir, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), appIndex)
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'export const app = 1\n')
  await writeFile(join(rendererDir, '.env'), 'SECRET=1\n')
  await writeFile(join(dir, 'outside.txt'), 'outside\n')
  sim = await startSimulator()
  host = await startHost({
    dataDir: join(dir, 'data'),
    rendererDir,
    logger: createMemoryLogger(),
    env: {
      LEADCARS_URL: sim.url,
      LEADCARS_TOKEN: sim.token,
      LEADCARS_DEALER: String(sim.reference.dealerId),
      LEADCARS_LEAD_TYPE: String(sim.reference.showroomLeadTypeId),
    },
  })
})

afterEach(async () => {
  await host.close()
  await sim.close()
  await rm(dir, { recursive: true, force: true })
})

/** A raw request, so that paths and headers reach the server exactly as written. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  const { port } = new URL(host.url)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

function call(name: string, payload?: unknown): Promise<Response> {
  return fetch(`${host.url}/__kiosk/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: payload === undefined ? '' : JSON.stringify(payload),
  })
}

describe('development host', () => {
  it('serves index.html with the bridge injected before the app script', async () => {
    const response = await fetch(`${host.url}/`)
    const html = await response.text()

    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
    const bridge = html.indexOf('<script src="/__kiosk/bridge.js"></script>')
    expect(bridge).toBeGreaterThan(0)
    expect(bridge).toBeLessThan(html.indexOf('./assets/app.js'))
  })

  it('serves the renderer files and refuses dotfiles, traversal and other hosts', async () => {
    expect((await raw('/assets/app.js')).status).toBe(200)
    expect((await raw('/.env')).status).toBe(404)
    expect((await raw('/assets/../.env')).status).toBe(404)
    expect((await raw('/../outside.txt')).status).toBe(404)
    expect((await raw('/%2e%2e/outside.txt')).status).toBe(404)
    expect((await raw('/..%2foutside.txt')).status).toBe(404)
    expect((await raw('/', { headers: { host: 'kiosk.example.com' } })).status).toBe(403)
  })

  it('answers a call over HTTP with the handler Result', async () => {
    const status = await call('getStatus')
    expect(status.status).toBe(200)
    expect(await status.json()).toMatchObject({ ok: true, value: { demo: false } })

    const refused = await call('setToken', 'token-without-a-session')
    expect(await refused.json()).toMatchObject({ ok: false, error: { kind: 'auth' } })
    expect(await (await call('verifyStaffPin', '1234')).json()).toEqual({ ok: true, value: true })
    const garbage = await call('setToken', { not: 'a token' })
    expect(await garbage.json()).toMatchObject({ ok: false, error: { kind: 'invalid_input' } })
    expect((await call('getSecrets')).status).toBe(404)
    expect((await call('__proto__')).status).toBe(404)
  })

  it('refuses a call from another origin and a body that is not JSON', async () => {
    const crossOrigin = await raw('/__kiosk/call/getStatus', {
      method: 'POST',
      headers: { host: new URL(host.url).host, origin: 'http://evil.example' },
    })
    expect(crossOrigin.status).toBe(403)
    const notJson = await raw('/__kiosk/call/getStatus', {
      method: 'POST',
      headers: { host: new URL(host.url).host },
      body: '{not json',
    })
    expect(notJson.status).toBe(400)
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { kind: 'invalid_input' } })
  })

  it('streams KioskEvents as Server-Sent Events', async () => {
    const controller = new AbortController()
    const stream = await fetch(`${host.url}/__kiosk/events`, { signal: controller.signal })
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
    const reader = stream.body?.getReader()
    if (!reader) throw new Error('no stream body')

    await call('verifyStaffPin', '1234')
    const saved = await call('saveSettings', { idleSeconds: 120 })
    expect(await saved.json()).toMatchObject({ ok: true, value: { idleSeconds: 120 } })

    let text = ''
    while (!text.includes('"type":"wake"')) {
      const { value, done } = await reader.read()
      if (done) break
      text += new TextDecoder().decode(value)
    }
    controller.abort()
    const frames = text.split('\n\n').filter((frame) => frame.startsWith('data: '))
    const events = frames.map((frame) => JSON.parse(frame.slice('data: '.length)) as unknown)
    expect(events).toContainEqual({ type: 'wake', reason: 'settings' })
  })

  it('plays an OS network change', async () => {
    expect((await fetch(`${host.url}/__kiosk/network-changed`, { method: 'POST' })).status).toBe(
      204,
    )
  })

  it('serves a bridge that defines window.kiosk over fetch and delivers through it', async () => {
    const script = await (await fetch(`${host.url}/__kiosk/bridge.js`)).text()
    const sandbox: { kiosk?: KioskApi } & Record<string, unknown> = {
      fetch: (path: string, init: RequestInit) => fetch(`${host.url}${path}`, init),
    }
    runInNewContext(script, sandbox)
    const kiosk = sandbox.kiosk
    if (!kiosk) throw new Error('the bridge did not define kiosk')

    const request = sampleDeliveryRequest(simulatorRouting(sim.reference))
    const outcome = await kiosk.deliver(request)
    await kiosk.verifyStaffPin('1234')
    const pin = await kiosk.setStaffPin('1234', '860317')

    expect(outcome).toMatchObject({ ok: true, value: { status: 'delivered' } })
    expect(sim.leads()).toHaveLength(1)
    expect(pin).toEqual({ ok: true, value: true })
    expect(await kiosk.verifyStaffPin('860317')).toEqual({ ok: true, value: true })
  })
})
