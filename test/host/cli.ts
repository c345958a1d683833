import { resolve } from 'node:path'
import { startHost } from './server'

/**
 * `npm run host`: the kiosk in a browser against the real main-process core. LEADCARS_URL,
 * LEADCARS_TOKEN, LEADCARS_DEALER, LEADCARS_SITE, LEADCARS_CAMPAIGN and LEADCARS_LEAD_TYPE point
 * it at a LeadCars (the embedded simulator, demo mode, when they are absent); HOST_PORT (5173)
 * and HOST_DATA_DIR (.host-data/) place it.
 */
async function main(): Promise<void> {
  const port = Number(process.env.HOST_PORT ?? 5173)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error('HOST_PORT must be a port number')
  }
  const dataDir = resolve(process.env.HOST_DATA_DIR ?? '.host-data')
  const host = await startHost({ port, dataDir, env: process.env })
  const settings = host.core.getSettings()

  process.stdout.write(
    [
      `Showroom Kiosk development host: ${host.url}/`,
      `  LeadCars: ${host.core.getStatus().demo ? 'demo (embedded simulator)' : settings.baseUrl}`,
      `  data: ${dataDir}`,
      '  Ctrl+C to stop',
      '',
    ].join('\n'),
  )

  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Host failed to start: ${error instanceof Error ? error.message : 'unknown error'}\n`,
  )
  process.exit(1)
})
