import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The main process logger: JSON lines (time, level, module, message, fields) in a size-rotated
 * file, one child logger per module. Every line is redacted before it is written: values under
 * sensitive keys (tokens, PINs, names, emails, phones, postcodes, comments) are replaced, and
 * emails, phone-like digit runs and registered secrets are masked inside every string. Writes are
 * synchronous so that the last lines before a crash are on disk.
 */

export const logLevels = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof logLevels)[number]
export type LogFields = Record<string, unknown>
export type LogRecord = {
  time: string
  level: LogLevel
  module: string
  message: string
  fields?: LogFields
}

export type Logger = {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  child(module: string): Logger
  /** Masks this exact value in every later line of every logger of the tree. */
  addSecret(value: string): void
}

export type MemoryLogger = Logger & { readonly records: LogRecord[] }

export type FileLogOptions = { maxBytes?: number; maxFiles?: number; level?: LogLevel }

type Sink = (record: LogRecord) => void

const sensitiveKeys = new Set(
  [
    'token cliente-token api-token api-user automagic-token authorization password secret pin',
    'current next nombre apellidos name first-name last-name email telefono movil phone cellphone',
    'postcode postal-code cp comment comentario interest visitor body',
  ]
    .join(' ')
    .split(' ')
    .map(normaliseKey),
)
const emailPattern = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g
/** 9 to 15 digits with optional single separators, not glued to words or hyphenated ids. */
const phonePattern = /(?<![\w+-])\+?\(?\d(?:[\s.()-]{0,2}\d){8,14}(?![\w-])/g
const maxDepth = 6

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z]/g, '')
}

export function isSensitiveKey(key: string): boolean {
  return sensitiveKeys.has(normaliseKey(key))
}

/** Redaction of one line's text and fields; `secrets` are exact values to mask anywhere. */
export function createRedactor(secrets: ReadonlySet<string> = new Set()): {
  text(value: string): string
  fields(value: LogFields): LogFields
} {
  const text = (value: string): string => {
    let masked = value
    for (const secret of secrets) masked = masked.split(secret).join('[secret]')
    return masked.replace(emailPattern, '[email]').replace(phonePattern, '[phone]')
  }
  const anyValue = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value)
    if (value instanceof Error) return { name: value.name, message: text(value.message) }
    if (depth >= maxDepth || value === null || typeof value !== 'object') return value
    if (Array.isArray(value)) return value.map((item) => anyValue(item, depth + 1))
    return objectValue(value as LogFields, depth + 1)
  }
  const objectValue = (value: LogFields, depth: number): LogFields => {
    const out: LogFields = {}
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isSensitiveKey(key) ? '[redacted]' : anyValue(inner, depth)
    }
    return out
  }
  return { text, fields: (value) => objectValue(value, 0) }
}

/** A logger writing to `dir/kiosk.log`, rotated by size into `kiosk.log.1` … `.(maxFiles-1)`. */
export function createLogger(dir: string, options: FileLogOptions = {}): Logger {
  mkdirSync(dir, { recursive: true })
  const maxFiles = Math.max(2, options.maxFiles ?? 5)
  const sink = createFileSink(join(dir, 'kiosk.log'), options.maxBytes ?? 1024 * 1024, maxFiles)
  return createTree(sink, options.level ?? 'info')
}

/** A logger keeping redacted records in memory, for tests. */
export function createMemoryLogger(level: LogLevel = 'debug'): MemoryLogger {
  const records: LogRecord[] = []
  const logger = createTree((record) => records.push(record), level)
  return Object.assign(logger, { records })
}

function createTree(sink: Sink, minimum: LogLevel): Logger {
  const secrets = new Set<string>()
  const redactor = createRedactor(secrets)
  const threshold = logLevels.indexOf(minimum)

  const make = (module: string): Logger => {
    const write = (level: LogLevel) => (message: string, fields?: LogFields) => {
      if (logLevels.indexOf(level) < threshold) return
      const record: LogRecord = {
        time: new Date().toISOString(),
        level,
        module,
        message: redactor.text(message),
      }
      if (fields && Object.keys(fields).length > 0) record.fields = redactor.fields(fields)
      sink(record)
    }
    return {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      child: (name) => make(module === 'main' ? name : `${module}.${name}`),
      addSecret: (value) => {
        if (value.length >= 4) secrets.add(value)
      },
    }
  }
  return make('main')
}

function createFileSink(path: string, maxBytes: number, maxFiles: number): Sink {
  let size = currentSize(path)
  return (record) => {
    const line = `${JSON.stringify(record)}\n`
    const bytes = Buffer.byteLength(line)
    if (size > 0 && size + bytes > maxBytes) {
      rotate(path, maxFiles)
      size = 0
    }
    try {
      appendFileSync(path, line)
      size += bytes
    } catch {
      // A full or read-only disk must not take the kiosk down with it: the line is lost.
    }
  }
}

function currentSize(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

function rotate(path: string, maxFiles: number): void {
  try {
    rmSync(`${path}.${maxFiles - 1}`, { force: true })
    for (let index = maxFiles - 2; index >= 1; index -= 1) {
      renameIfPresent(`${path}.${index}`, `${path}.${index + 1}`)
    }
    renameIfPresent(path, `${path}.1`)
  } catch {
    // Rotation failing leaves the current file growing; logging goes on.
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    renameSync(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}
