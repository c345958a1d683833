import { createHash } from 'node:crypto'
import type { ConsentRecord, GdprFlag, Routing, Visitor } from '../../../src/shared/entry'
import type { OutboxDraft } from '../../../src/renderer/src/outbox'
import type { SimReference } from '../../../src/main/simulator'
import { pick, type Dice } from './dice'

/**
 * Visitors as a Spanish showroom sees them: accented names, two surnames, unique emails, mobile
 * phones in E.164, postcodes, and the four consents answered one by one.
 */

const firstNames = [
  'Lucía',
  'José Luis',
  'María Ángeles',
  'Íñigo',
  'Begoña',
  'Raúl',
  'Sofía',
  'Óscar',
  'Álvaro',
  'Inés',
  'Jesús',
  'Rocío',
  'Joaquín',
  'Ainhoa',
  'Nuria',
  'Adrián',
  'Mónica',
  'Tomás',
  'Verónica',
  'Germán',
] as const

const surnames = [
  'García',
  'Fernández',
  'González',
  'Rodríguez',
  'López',
  'Martínez',
  'Sánchez',
  'Pérez',
  'Gómez',
  'Martín',
  'Jiménez',
  'Hernández',
  'Díaz',
  'Muñoz',
  'Álvarez',
  'Gutiérrez',
  'Domínguez',
  'Vázquez',
  'Ibáñez',
  'Núñez',
  'Cortés',
  'Peña',
  'Castaño',
  'Ortega',
] as const

const domains = ['correo.es', 'gmail.com', 'hotmail.es', 'telefonica.net', 'yahoo.es'] as const
const interests = ['SUV híbrido', 'Compacto eléctrico', 'Berlina diésel', 'Furgoneta', 'Seminuevo']
const comments = ['', 'Prefiero que me llamen por la tarde', 'Tengo un coche para entregar']

/** The consents the soak kiosk asks for, one per LeadCars flag. */
export const consentFlags: Record<string, GdprFlag> = {
  processing: 'gdpr1',
  marketing: 'gdpr2',
  profiling: 'gdpr3',
  brand: 'gdpr4',
}

export function routingOf(reference: SimReference): Routing {
  return {
    dealerId: reference.dealerId,
    siteId: reference.siteId,
    campaignCode: reference.campaignCode,
    leadTypeId: reference.showroomLeadTypeId,
  }
}

/** Visitor number `index` (unique email and phone for each index). */
export function visitorFor(index: number, dice: Dice): Visitor {
  const firstName = pick(dice, firstNames)
  const lastName = `${pick(dice, surnames)} ${pick(dice, surnames)}`
  const comment = pick(dice, comments)
  const visitor: Visitor = {
    firstName,
    lastName,
    email: `${slug(firstName)}.${slug(lastName)}.${index}@${pick(dice, domains)}`,
    phone: `+34${dice() < 0.8 ? '6' : '7'}${String(10_000_000 + index).padStart(8, '0')}`,
    postcode: String(1_000 + Math.floor(dice() * 51_000)).padStart(5, '0'),
    interest: pick(dice, interests),
  }
  return comment === '' ? visitor : { ...visitor, comment }
}

/** The four consents, each granted or refused by the dice; processing is always granted. */
export function consentsFor(dice: Dice, at = new Date().toISOString()): ConsentRecord[] {
  return Object.entries(consentFlags).map(([id, flag]) => {
    const text = `Texto del consentimiento «${id}», versión 3`
    return {
      id,
      flag,
      granted: id === 'processing' || dice() < 0.5,
      textHash: createHash('sha256').update(text).digest('hex'),
      textVersion: '3',
      language: 'es',
      at,
    }
  })
}

export function draftFor(index: number, dice: Dice, routing: Routing): OutboxDraft {
  return {
    visitor: visitorFor(index, dice),
    consents: consentsFor(dice),
    routing,
    language: 'es',
  }
}

/** The GDPR flags LeadCars should hold for these consents. */
export function expectedFlags(consents: ConsentRecord[]): Record<GdprFlag, boolean> {
  const granted = (flag: GdprFlag) => consents.some((c) => c.flag === flag && c.granted)
  return {
    gdpr1: granted('gdpr1'),
    gdpr2: granted('gdpr2'),
    gdpr3: granted('gdpr3'),
    gdpr4: granted('gdpr4'),
  }
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '')
}
