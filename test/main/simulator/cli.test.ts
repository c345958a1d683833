import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))

function runCli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main/simulator/cli.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** Collects stdout until the banner's last line appears. */
async function banner(child: ChildProcess): Promise<string> {
  let text = ''
  for await (const chunk of child.stdout ?? []) {
    text += String(chunk)
    if (text.includes('Stop with Ctrl+C.')) return text
  }
  throw new Error(`The simulator printed no banner: ${text}`)
}

function line(text: string, label: string): string {
  const match = new RegExp(`${label}\\s+(\\S+)`).exec(text)
  if (!match?.[1]) throw new Error(`No ${label} in ${text}`)
  return match[1]
}

describe('npm run sim', () => {
  it('prints the base URL and credentials, serves, and stops cleanly on SIGTERM', async () => {
    const child = runCli(['--port', '0'])
    try {
      const text = await banner(child)
      const url = line(text, 'base URL')
      const token = line(text, 'cliente-token')

      const response = await fetch(`${url}/tipos`, { headers: { 'cliente-token': token } })
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2$/)
      expect(response.status).toBe(200)
      expect(line(text, 'api-user')).toContain('@')

      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      const [code] = await exited
      expect(code).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })

  it('refuses a port that is not a number', async () => {
    const child = runCli(['--port=abc'])
    let errors = ''
    child.stderr?.on('data', (chunk) => (errors += String(chunk)))

    const [code] = await once(child, 'exit')

    expect(code).toBe(2)
    expect(errors).toContain('--port')
  })
})
