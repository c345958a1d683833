import { isoWithOffset, phpDate } from './dates'
import { findCampaign, findDealer, findLeadType, findSite } from './reference-data'
import type { StoredLead } from './store'
import type { SimContact } from './types'

/** GET /leadinfos/{lead}, in the manual's shape. */
export function leadInfoView(lead: StoredLead, contact: SimContact | undefined): object {
  const { data } = lead
  const campaign = data.campaignCode ? findCampaign(data.dealerId, data.campaignCode) : undefined
  const lastAction = lead.actions.at(-1)?.at ?? lead.createdAt
  return {
    id: lead.id,
    planning: { calls: 0, visits: 0 },
    temperature: lead.temperature,
    vehicle_text: '',
    lights: { status: 'verde', days: 0, hours: 0 },
    date_entry: phpDate(lead.createdAt),
    date_last_action: phpDate(lastAction),
    dealer: {
      dealer: findDealer(data.dealerId)?.name ?? null,
      shop: data.siteId ? (findSite(data.siteId)?.name ?? '') : '',
    },
    campaign: campaign ? { name: campaign.name, code: campaign.code } : { name: null, code: null },
    status: { name: lead.statusName, num_new_actions: 0 },
    type: { name: findLeadType(data.leadTypeId)?.name ?? null, num_new_actions: 0 },
    user: { email: null, auto_assigned: 0 },
    lead: {
      email: data.email,
      name: data.nombre,
      last_name: data.apellidos,
      phone: data.telefono,
      cellphone: data.movil,
      postal_code: data.cp,
      region: data.provincia,
    },
    contact: { data: contact ? contactView(contact) : null },
    actions: {
      data: lead.actions.map((action) => ({
        type: action.type,
        date: isoWithOffset(action.at),
        info: action.info,
      })),
    },
  }
}

/** GET /contacts/{contact}: the GDPR block shows three flags, as reads in the manual do. */
export function contactView(contact: SimContact): object {
  return {
    id: contact.id,
    group: 'Demo LeadCars',
    dealer: findDealer(contact.dealerId)?.name ?? null,
    name: contact.name,
    last_name: contact.lastName,
    birthday: null,
    country: 'España',
    region: null,
    city: null,
    postal_code: contact.postalCode,
    location: null,
    address: null,
    phone: contact.phone,
    phone_other: null,
    cellphone: contact.cellphone,
    email: contact.email,
    civil_status: null,
    children: null,
    profession: null,
    company: null,
    use_vehicle: null,
    gdpr: gdprView(contact),
  }
}

function gdprView(contact: SimContact): object {
  return {
    gdpr1: contact.gdpr?.gdpr1 ?? false,
    gdpr2: contact.gdpr?.gdpr2 ?? false,
    gdpr3: contact.gdpr?.gdpr3 ?? false,
    date_check_gdpr: contact.gdprAt ? phpDate(contact.gdprAt) : null,
    ip_check_gdpr: null,
    browser_check_gdpr: null,
    validate: false,
    date_validate: null,
    validate_to_leadcars: false,
  }
}
