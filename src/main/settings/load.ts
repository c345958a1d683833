import { rename } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Logger } from '../log'
import { defaultSettings } from './defaults'
import { definedOnly } from './defined-only'
import { asideName, readFileIfPresent, writeFileAtomic } from './files'
import type { StoredSettings } from './schema'
import { storedFieldSchemas, storedSettingsSchema } from './schema'

/**
 * Reading the settings file at start. Only a missing file (a fresh install) means demo mode.
 * A file that exists but is damaged never does: a configured kiosk must not hand real visitors'
 * entries to the embedded simulator. When the file cannot be read, or its environment is
 * unknown, the kiosk starts in the custom environment with no base URL, so delivery waits until
 * staff set LeadCars again; every field that did parse is kept.
 */

export async function loadSettings(path: string, logger: Logger): Promise<StoredSettings> {
  const text = await readSettingsText(path, logger)
  if (text === null) {
    logger.info('settings file created with defaults')
    return writeSettings(path, defaultSettings())
  }

  const { settings, badFields } = mergeWithDefaults(parseJson(text))
  if (badFields.length === 0) return settings
  return replaceDamagedFile(path, settings, badFields, logger)
}

/**
 * Takes each valid field of `raw`; a missing field takes its default, an invalid one too. When
 * `raw` is no object, or its environment is missing or unknown, the environment becomes custom
 * with no base URL (delivery paused), never demo.
 */
export function mergeWithDefaults(raw: unknown): { settings: StoredSettings; badFields: string[] } {
  if (!isPlainObject(raw))
    return { settings: withoutTarget(defaultSettings()), badFields: ['(file)'] }

  const defaults: Record<string, unknown> = defaultSettings()
  const merged: Record<string, unknown> = {}
  const badFields: string[] = []
  for (const [field, schema] of Object.entries(storedFieldSchemas)) {
    const value = raw[field]
    const parsed = value === undefined ? null : schema.safeParse(value)
    if (parsed && !parsed.success) badFields.push(field)
    merged[field] = parsed?.success ? parsed.data : defaults[field]
  }
  const settings = storedSettingsSchema.parse(definedOnly(merged))
  if (raw.environment !== undefined && !badFields.includes('environment')) {
    return { settings, badFields }
  }
  if (raw.environment === undefined) badFields.push('environment')
  return { settings: withoutTarget(settings), badFields }
}

export async function writeSettings(
  path: string,
  settings: StoredSettings,
): Promise<StoredSettings> {
  await writeFileAtomic(path, `${JSON.stringify(settings, null, 2)}\n`)
  return settings
}

/** The file's text without a byte-order mark; '' when it exists but cannot be read. */
async function readSettingsText(path: string, logger: Logger): Promise<string | null> {
  try {
    const text = await readFileIfPresent(path)
    return text === null ? null : text.replace(/^\uFEFF/, '')
  } catch (error) {
    logger.warn('settings file could not be read', { code: errorCode(error) })
    return ''
  }
}

/** Keeps the damaged file aside and writes the recovered settings in its place. */
async function replaceDamagedFile(
  path: string,
  settings: StoredSettings,
  badFields: string[],
  logger: Logger,
): Promise<StoredSettings> {
  const paused = badFields.includes('(file)') || badFields.includes('environment')
  try {
    const aside = asideName(path, 'bad')
    await rename(path, aside)
    logger.warn('settings file partly unreadable: defaults used for bad fields', {
      badFields,
      keptAside: basename(aside),
      deliveryPaused: paused,
    })
    return await writeSettings(path, settings)
  } catch (error) {
    logger.warn('damaged settings file could not be replaced: using recovered settings', {
      badFields,
      code: errorCode(error),
      deliveryPaused: paused,
    })
    return settings
  }
}

/** Custom environment with no base URL: delivery waits, and staff see that none is set. */
function withoutTarget(settings: StoredSettings): StoredSettings {
  const rest: StoredSettings = { ...settings, environment: 'custom' }
  delete rest.customBaseUrl
  return rest
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' ? code : 'unknown'
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
