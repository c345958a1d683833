import { resolve } from 'node:path'
import { haltPointSchema, installHalt } from './halt'
import { startHost } from './server'

/**
 * The development host as a child process that a test can kill outright (see process.ts).
 * HOST_PORT, HOST_DATA_DIR and the LEADCARS_* variables as for cli.ts; HOST_HALT, a JSON
 * HaltPoint, freezes it at that point of a delivery. It reports on stdout, one JSON object a
 * line: `{"listening": url}` once it serves, `{"halted": point}` when it froze.
 */
export type ChildMessage = { listening: string } | { halted: unknown }

function report(message: ChildMessage): void {
  process.stdout.write(`${JSON.stringify(message)}\n`)
}

async function main(): Promise<void> {
  const haltText = process.env.HOST_HALT
  if (haltText) {
    const point = haltPointSchema.parse(JSON.parse(haltText))
    await installHalt(point, () => report({ halted: point }))
  }
  const host = await startHost({
    port: Number(process.env.HOST_PORT ?? 0),
    dataDir: resolve(process.env.HOST_DATA_DIR ?? '.host-data'),
    env: process.env,
  })
  report({ listening: host.url })
}

main().catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : 'unknown error'
  process.stderr.write(`Host failed to start: ${reason}\n`)
  process.exit(1)
})
