import { parseId } from '../fields'
import { campaigns, dealers, findDealer, leadStates, leadTypes, sites } from '../reference-data'
import { jsonReply, type Reply } from '../reply'
import { notFound, type Route, type RouteContext } from '../route'
import type { SimulatorVariants } from '../types'

/** The lists a kiosk is configured from: lead types, states, dealers, sites, campaigns. */
export const referenceRoutes: Route[] = [
  { method: 'GET', path: '/tipos', auth: 'client', handle: listLeadTypes },
  { method: 'GET', path: '/listStates', auth: 'client', handle: listStates },
  { method: 'GET', path: '/concesionarios', auth: 'client', handle: listDealers },
  { method: 'GET', path: '/sedes/:dealer', auth: 'client', handle: listSites },
  { method: 'GET', path: '/campanas/:dealer', auth: 'client', handle: listCampaigns },
]

type Item = Record<string, unknown>

function listLeadTypes(context: RouteContext): Reply {
  const items = leadTypes.map((type) => ({
    id: type.id,
    NOMBRE: type.upperName,
    VALOR: type.slug,
    custom: type.custom,
  }))
  return listReply(context.variants, items)
}

/** A map of state name to its definition, as v2.5 documents it (not a list: no variants). */
function listStates(): Reply {
  return jsonReply(200, leadStates)
}

function listDealers(context: RouteContext): Reply {
  return listReply(
    context.variants,
    dealers.map((dealer) => ({ id: dealer.id, nombre: dealer.name })),
  )
}

function listSites(context: RouteContext): Reply {
  const dealerId = knownDealer(context)
  if (dealerId === null) return dealerNotFound(context)
  const items = sites
    .filter((site) => site.dealerId === dealerId)
    .map((site) => ({ id: site.id, nombre: site.name, concesionario: site.dealerId }))
  return listReply(context.variants, items)
}

function listCampaigns(context: RouteContext): Reply {
  const dealerId = knownDealer(context)
  if (dealerId === null) return dealerNotFound(context)
  const items = campaigns
    .filter((campaign) => campaign.dealerId === dealerId)
    .map((campaign) => ({ id: campaign.id, nombre: campaign.name, codigo: campaign.code }))
  return listReply(context.variants, items)
}

/** A bare array or `{data: [...]}`, with lower- or upper-case keys. */
function listReply(variants: SimulatorVariants, items: Item[]): Reply {
  const cased = variants.listCase === 'upper' ? items.map(upperKeys) : items
  return jsonReply(200, variants.listShape === 'wrapped' ? { data: cased } : cased)
}

function upperKeys(item: Item): Item {
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key.toUpperCase(), value]))
}

function knownDealer(context: RouteContext): number | null {
  const id = parseId(context.params.dealer)
  return id !== null && findDealer(id) ? id : null
}

function dealerNotFound(context: RouteContext): Reply {
  return notFound(context, `Concesionario ${context.params.dealer ?? ''} no encontrado`)
}
