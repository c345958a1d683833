import type { SimulatorVariants } from './types'

type Body = Record<string, unknown>

/** The fields the manual names for POST /leads; any other root key is a dynamic field (v2.4). */
const leadFieldNames = new Set([
  'nombre',
  'apellidos',
  'telefono',
  'movil',
  'email',
  'cp',
  'provincia',
  'comentario',
  'url_origen',
  'concesionario',
  'sede',
  'tipo_lead',
  'campana',
])

const dynamicKey = /^[A-Za-z0-9_]+$/

/**
 * The dynamic fields where this server reads them from, with any problem they have. What sits
 * in the other place is ignored, as a server of the other version would ignore it.
 */
export function readDynamicFields(
  body: Body,
  placement: SimulatorVariants['dynamicFields'],
): { dynamic: Record<string, unknown>; issues: string[] } {
  const source = placement === 'custom' ? body.custom : rootDynamicFields(body)
  if (source === undefined || source === null) return { dynamic: {}, issues: [] }
  if (!isPlainObject(source)) {
    return { dynamic: {}, issues: ['El campo custom debe ser un objeto con los campos dinámicos'] }
  }
  const issues = Object.entries(source).map(([key, value]) => dynamicIssue(key, value))
  return { dynamic: { ...source }, issues: issues.filter((issue) => issue !== null) }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function rootDynamicFields(body: Body): Record<string, unknown> {
  const entries = Object.entries(body).filter(
    ([key]) => !leadFieldNames.has(key) && key !== 'custom',
  )
  return Object.fromEntries(entries)
}

function dynamicIssue(key: string, value: unknown): string | null {
  if (!dynamicKey.test(key)) {
    return `El campo dinámico "${key}" solo puede llevar letras, números y guión bajo`
  }
  const scalar = value === null || ['string', 'number', 'boolean'].includes(typeof value)
  return scalar ? null : `El campo dinámico ${key} debe ser texto`
}
