import { rename } from 'node:fs/promises'
import { basename } from 'node:path'
import { z } from 'zod'
import type { Logger } from '../log'
import { asideName, readFileIfPresent } from './files'

/**
 * The secrets file on disk: its schema, reading it (salvaging what a damaged one still holds
 * intact) and keeping a damaged one aside before it is replaced.
 */

export const secretNames = ['leadcarsToken', 'automagicToken'] as const
/** The name of one secret of the kiosk. */
export type SecretName = (typeof secretNames)[number]

const storedSecretSchema = z.object({
  blob: z.base64(),
  /** `plain` when the cipher could not encrypt at all and the value is only base64. */
  scheme: z.enum(['cipher', 'plain']),
  protected: z.boolean(),
  backend: z.string().max(60),
  savedAt: z.string().max(40),
})
export type StoredSecret = z.infer<typeof storedSecretSchema>

const secretsFileSchema = z.object({
  version: z.literal(1),
  secrets: z.partialRecord(z.enum(secretNames), storedSecretSchema),
})
type SecretsFile = z.infer<typeof secretsFileSchema>
const emptySecrets = (): SecretsFile => ({ version: 1, secrets: {} })

export type LoadedSecrets = { file: SecretsFile; unreadable: SecretName[]; damaged: boolean }

/** The secrets file; what a damaged one still holds intact, and which secrets it lost. */
export async function readSecretsFile(path: string, logger: Logger): Promise<LoadedSecrets> {
  let text: string | null
  try {
    text = await readFileIfPresent(path)
  } catch {
    text = ''
  }
  if (text === null) return { file: emptySecrets(), unreadable: [], damaged: false }
  const raw = parseJson(text.replace(/^\uFEFF/, ''))
  const whole = secretsFileSchema.safeParse(raw)
  if (whole.success) return { file: whole.data, unreadable: [], damaged: false }
  logger.warn('secrets file damaged: unreadable secrets must be entered again')
  return { ...salvage(raw), damaged: true }
}

/** Each intact secret of a damaged file; any other one that may have been there is unreadable. */
function salvage(raw: unknown): Omit<LoadedSecrets, 'damaged'> {
  const file = emptySecrets()
  const unreadable: SecretName[] = []
  const stored = isRecord(raw) && isRecord(raw.secrets) ? raw.secrets : null
  for (const name of secretNames) {
    if (stored && stored[name] === undefined) continue
    const parsed = storedSecretSchema.safeParse(stored?.[name])
    if (parsed.success) file.secrets[name] = parsed.data
    else unreadable.push(name)
  }
  return { file, unreadable }
}

export async function keepAside(path: string, logger: Logger): Promise<void> {
  const aside = asideName(path, 'bad')
  try {
    await rename(path, aside)
    logger.warn('damaged secrets file kept aside', { keptAside: basename(aside) })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown'
    logger.warn('damaged secrets file could not be kept aside', { code })
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
