import { build } from 'esbuild'
import { resolve } from 'node:path'

const entry = resolve(__dirname, 'bridge.ts')
let bundle: Promise<string> | null = null

/** bridge.ts compiled once per process to a browser IIFE. */
export function bridgeScript(): Promise<string> {
  bundle ??= build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '')
  return bundle
}
