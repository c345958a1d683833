import { randomBytes } from 'node:crypto'
import { open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { ZodType } from 'zod'

/**
 * Replaces a file so that a crash at any moment leaves either the old or the new content:
 * write a temp file in the same folder, fsync it, rename it over the target, fsync the folder.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeAndSync(temp, data)
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await syncFolder(dirname(path))
}

/** Atomic replacements of one file, one at a time, in the order they were asked for. */
export function serialFileWriter(path: string): (data: string) => Promise<void> {
  let queue: Promise<unknown> = Promise.resolve()
  return (data) => {
    const write = queue.then(() => writeFileAtomic(path, data))
    queue = write.catch(() => undefined)
    return write
  }
}

/** The file's text, or null when it does not exist. */
export async function readFileIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * A JSON file parsed with `schema`. A missing file gives `fallback()`; so does one that does
 * not parse, after `onBad` is told.
 */
export async function readJsonFile<T>(
  path: string,
  schema: ZodType<T>,
  fallback: () => T,
  onBad: () => void,
): Promise<T> {
  const text = await readFileIfPresent(path)
  if (text === null) return fallback()
  try {
    return schema.parse(JSON.parse(text))
  } catch {
    onBad()
    return fallback()
  }
}

/** A name for keeping a bad file aside, safe on every file system (no colons). */
export function asideName(path: string, label: string, now: Date = new Date()): string {
  return `${path}.${label}-${now.toISOString().replace(/[:.]/g, '-')}`
}

async function writeAndSync(path: string, data: string): Promise<void> {
  const handle = await open(path, 'w', 0o600)
  try {
    await handle.writeFile(data, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function syncFolder(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Windows cannot open a folder for fsync; the rename is already durable enough there.
  }
}
