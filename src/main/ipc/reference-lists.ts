import type { ConnectionTest, ReferenceItem, ReferenceLists } from '../../shared/contract'
import { ok } from '../../shared/errors'
import type { Result } from '../../shared/errors'
import type { LeadCarsClient } from '../leadcars'
import type { Logger } from '../log'
import type { ReferenceCache } from '../settings/reference-cache'

/** Kinds of failure where the cached lists are better than nothing. */
const offlineKinds = new Set(['transient', 'ambiguous', 'malformed'])

/** The lead type a showroom visit is filed under: "OFFLINE - Paso de exposición". */
export function findShowroomLeadType(items: ReferenceItem[]): number | null {
  const showroom = items.find((item) =>
    [item.name, item.code ?? ''].some((text) => /paso[\s_-]+de[\s_-]+exposicion/.test(plain(text))),
  )
  return showroom?.id ?? null
}

/** A connection test: the lead types LeadCars lists with this token. */
export async function testLeadCars(client: LeadCarsClient): Promise<Result<ConnectionTest>> {
  const leadTypes = await client.listLeadTypes()
  if (!leadTypes.ok) return leadTypes
  return ok({
    leadTypes: leadTypes.value.length,
    showroomLeadTypeId: findShowroomLeadType(leadTypes.value),
  })
}

/** Dealers, and the sites and campaigns of the chosen dealer (the first one by default). */
export async function fetchReferenceLists(
  client: LeadCarsClient,
  dealerId: number | undefined,
  now: Date,
): Promise<Result<ReferenceLists>> {
  const dealers = await client.listDealers()
  if (!dealers.ok) return dealers
  const chosen = dealerId ?? dealers.value[0]?.id
  const [leadTypes, sites, campaigns] = await Promise.all([
    client.listLeadTypes(),
    chosen === undefined ? ok([]) : client.listSites(chosen),
    chosen === undefined ? ok([]) : client.listCampaigns(chosen),
  ])
  if (!leadTypes.ok) return leadTypes
  if (!sites.ok) return sites
  if (!campaigns.ok) return campaigns
  return ok({
    dealers: dealers.value,
    sites: sites.value,
    campaigns: campaigns.value,
    leadTypes: leadTypes.value,
    fetchedAt: now.toISOString(),
  })
}

/** Fresh lists, cached on success; the cached ones when LeadCars cannot be reached. */
export async function cachedReferenceLists(
  source: { baseUrl: string; client: LeadCarsClient },
  dealerId: number | undefined,
  cache: ReferenceCache,
  log: Logger,
): Promise<Result<ReferenceLists>> {
  const fetched = await fetchReferenceLists(source.client, dealerId, new Date())
  if (fetched.ok) {
    await cache.put(source.baseUrl, dealerId ?? null, fetched.value).catch((error: unknown) => {
      log.warn('reference list cache not written', { error })
    })
    return fetched
  }
  const cached = cache.get(source.baseUrl, dealerId ?? null)
  return cached && offlineKinds.has(fetched.error.kind) ? ok(cached) : fetched
}

function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
}
