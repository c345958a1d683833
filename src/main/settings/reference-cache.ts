import { z } from 'zod'
import type { ReferenceLists } from '../../shared/contract'
import type { Logger } from '../log'
import { readJsonFile, serialFileWriter } from './files'

/**
 * The last reference lists (dealers, sites, campaigns, lead types) LeadCars returned, per API
 * and dealer, so that staff can still pick routing while offline. Parsed on read; a bad file is
 * simply an empty cache.
 */
export type ReferenceCache = {
  get(baseUrl: string, dealerId: number | null): ReferenceLists | null
  put(baseUrl: string, dealerId: number | null, lists: ReferenceLists): Promise<void>
}

const maxKeys = 20

const itemSchema = z.object({
  id: z.int(),
  name: z.string().max(300),
  code: z.string().max(200).optional(),
})
const itemsSchema = z.array(itemSchema).max(10_000)
const listsSchema = z.object({
  dealers: itemsSchema,
  sites: itemsSchema,
  campaigns: itemsSchema,
  leadTypes: itemsSchema,
  fetchedAt: z.string().max(40),
})
const fileSchema = z.object({
  version: z.literal(1),
  lists: z.record(z.string().max(700), listsSchema),
})
type CacheFile = z.infer<typeof fileSchema>
const emptyCache = (): CacheFile => ({ version: 1, lists: {} })

export async function openReferenceCache(path: string, log: Logger): Promise<ReferenceCache> {
  const file = await readJsonFile(path, fileSchema, emptyCache, () =>
    log.warn('reference list cache unreadable; it will be rebuilt'),
  )
  const write = serialFileWriter(path)

  return {
    get: (baseUrl, dealerId) => file.lists[keyOf(baseUrl, dealerId)] ?? null,
    put: (baseUrl, dealerId, lists) => {
      file.lists[keyOf(baseUrl, dealerId)] = lists
      file.lists = newest(file.lists)
      return write(`${JSON.stringify(file)}\n`)
    },
  }
}

function keyOf(baseUrl: string, dealerId: number | null): string {
  return `${baseUrl}#${dealerId ?? '-'}`
}

function newest(lists: CacheFile['lists']): CacheFile['lists'] {
  const entries = Object.entries(lists).sort(([, a], [, b]) =>
    b.fetchedAt.localeCompare(a.fetchedAt),
  )
  return Object.fromEntries(entries.slice(0, maxKeys))
}
