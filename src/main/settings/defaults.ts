import type { ConsentDefinition } from '../../shared/settings'
import type { StoredSettings } from './schema'

/**
 * Settings of a fresh install: demo environment, three consents in Spanish and English, and no
 * staff PIN hash (the default PIN applies until staff change it).
 */

export const defaultConsents: ConsentDefinition[] = [
  {
    id: 'processing',
    flag: 'gdpr1',
    required: true,
    version: '1',
    text: {
      es:
        'Acepto que el concesionario trate mis datos para atender mi consulta ' +
        'y ponerse en contacto conmigo sobre ella.',
      en:
        'I agree that the dealership may process my details to handle my enquiry ' +
        'and contact me about it.',
    },
  },
  {
    id: 'marketing',
    flag: 'gdpr2',
    required: false,
    version: '1',
    text: {
      es:
        'Quiero recibir comunicaciones comerciales del concesionario: ' +
        'ofertas, eventos y novedades.',
      en: 'I would like to receive marketing from the dealership: offers, events and news.',
    },
  },
  {
    id: 'brand',
    flag: 'gdpr3',
    required: false,
    version: '1',
    text: {
      es:
        'Acepto que el concesionario comparta mis datos con la marca del vehículo ' +
        'con fines comerciales.',
      en:
        'I agree that the dealership may share my details with the vehicle brand ' +
        'for marketing purposes.',
    },
  },
]

export function defaultSettings(): StoredSettings {
  return {
    environment: 'demo',
    routing: {},
    dynamicFieldPlacement: 'custom',
    parallelDeliveries: 4,
    retentionDays: 7,
    idleSeconds: 90,
    languages: ['es', 'en'],
    defaultCountry: 'ES',
    consents: structuredClone(defaultConsents),
    automagic: { enabled: false },
  }
}
