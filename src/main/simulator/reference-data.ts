/** The simulator's fixed reference data: dealers, sites, campaigns, lead types, journeys. */

export type Dealer = { id: number; name: string }
export type Site = { id: number; dealerId: number; name: string }
export type Campaign = { id: number; dealerId: number; name: string; code: string }
export type LeadType = {
  id: number
  name: string
  upperName: string
  slug: string
  custom: boolean
}
export type Journey = { id: number; title: string; personalized: boolean; steps: number }

export const demoToken = 'DEMOKIOSKTOKEN000001'
export const demoAutomagic = {
  user: 'automagic@concesionario-demo.example',
  token: 'AUTOMAGICDEMOTOKEN01',
}

export const dealers: readonly Dealer[] = [
  { id: 1, name: 'Concesionario DEMO' },
  { id: 2, name: 'Automóviles Norte Demo' },
]

export const sites: readonly Site[] = [
  { id: 101, dealerId: 1, name: 'Exposición Central' },
  { id: 102, dealerId: 1, name: 'Exposición Vehículo de Ocasión' },
  { id: 201, dealerId: 2, name: 'Sede Norte' },
]

export const campaigns: readonly Campaign[] = [
  { id: 11, dealerId: 1, name: 'Liquidación VN noviembre', code: 'LIQUIDACIÓN VN NOVIEMBRE' },
  { id: 12, dealerId: 1, name: 'Kiosco de exposición', code: 'KIOSCO_EXPO' },
  { id: 21, dealerId: 2, name: 'Primavera 2026', code: 'PRIMAVERA 2026' },
]

export const leadTypes: readonly LeadType[] = [
  leadType(3, 'WEB - Formulario de contacto', 'web-formulario-de-contacto'),
  leadType(5, 'TELÉFONO - Llamada entrante', 'telefono-llamada-entrante'),
  leadType(14, 'OFFLINE - Paso de exposición', 'offline-paso-de-exposicion'),
  leadType(15, 'OFFLINE - Evento', 'offline-evento'),
  { ...leadType(21, 'WHATSAPP - Conversación', 'whatsapp-conversacion'), custom: true },
]

export const journeys: readonly Journey[] = [
  { id: 33, title: 'Bienvenida exposición', personalized: false, steps: 4 },
  { id: 19, title: 'Flujo frío', personalized: false, steps: 6 },
  { id: 7, title: 'Aviso inmediato', personalized: false, steps: 0 },
  { id: 41, title: 'Seguimiento personalizado', personalized: true, steps: 3 },
]

export type LeadStateField = {
  name: string
  type: string
  title: string
  required: boolean
  options: string[]
}
export type LeadState = { id: number; group: string; fields: LeadStateField[] }

export const leadStates: Readonly<Record<string, LeadState>> = {
  'Sin Estado': { id: 1, group: 'abierto', fields: [] },
  Contactado: {
    id: 2,
    group: 'abierto',
    fields: [
      { name: 'texto', type: 'textarea', title: 'Comentario', required: false, options: [] },
    ],
  },
  'Cita concertada': {
    id: 3,
    group: 'abierto',
    fields: [{ name: 'fecha', type: 'datetime', title: 'Fecha', required: true, options: [] }],
  },
  Vendido: { id: 4, group: 'ganado', fields: [] },
  Perdido: {
    id: 5,
    group: 'perdido',
    fields: [
      {
        name: 'motivos',
        type: 'select',
        title: 'Motivo',
        required: true,
        options: ['Precio', 'Financiación', 'Compra otra marca'],
      },
    ],
  },
}

export const defaultReference = {
  dealerId: 1,
  siteId: 101,
  campaignCode: 'LIQUIDACIÓN VN NOVIEMBRE',
  showroomLeadTypeId: 14,
  journeyId: 33,
  instantJourneyId: 7,
} as const

export function findDealer(id: number): Dealer | undefined {
  return dealers.find((dealer) => dealer.id === id)
}

export function findLeadType(id: number): LeadType | undefined {
  return leadTypes.find((type) => type.id === id)
}

export function findSite(id: number): Site | undefined {
  return sites.find((site) => site.id === id)
}

export function findCampaign(dealerId: number, code: string): Campaign | undefined {
  return campaigns.find((campaign) => campaign.dealerId === dealerId && campaign.code === code)
}

export function findJourney(id: number): Journey | undefined {
  return journeys.find((journey) => journey.id === id)
}

export function findStateById(id: number): string | undefined {
  return Object.entries(leadStates).find(([, state]) => state.id === id)?.[0]
}

function leadType(id: number, name: string, slug: string): LeadType {
  return { id, name, upperName: name.toLocaleUpperCase('es'), slug, custom: false }
}
