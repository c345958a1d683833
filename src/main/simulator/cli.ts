/**
 * `npm run sim -- --port N`: runs the LeadCars simulator on 127.0.0.1:N (default 4010) until
 * SIGINT or SIGTERM, and prints what a client needs to reach it.
 */
import { startSimulator } from './simulator'
import type { Simulator } from './types'

const defaultPort = 4010

async function main(argv: string[]): Promise<void> {
  const port = portFrom(argv)
  if (port === null) return fail('Usage: npm run sim -- [--port N]   (N from 0 to 65535)')

  const simulator = await startSimulator({ port })
  process.stdout.write(banner(simulator))

  stopOnSignals(simulator)
}

/** The value of `--port N` or `--port=N`; the default when absent, null when unusable. */
function portFrom(argv: string[]): number | null {
  const index = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='))
  if (index === -1) return defaultPort
  const arg = argv[index] ?? ''
  const text = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[index + 1] ?? '')
  if (!/^\d{1,5}$/.test(text)) return null
  const port = Number(text)
  return port <= 65_535 ? port : null
}

function banner(simulator: Simulator): string {
  return [
    'LeadCars simulator (API v2) listening',
    `  base URL       ${simulator.url}`,
    `  cliente-token  ${simulator.token}`,
    `  api-user       ${simulator.automagic.user}`,
    `  api-token      ${simulator.automagic.token}`,
    'Stop with Ctrl+C.',
    '',
  ].join('\n')
}

function stopOnSignals(simulator: Simulator): void {
  const stop = (): void => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

function fail(message: string): void {
  process.stderr.write(`${message}\n`)
  process.exitCode = 2
}

main(process.argv.slice(2)).catch((error: unknown) => {
  fail(`The simulator could not start: ${error instanceof Error ? error.message : String(error)}`)
})
