/** Dates the way LeadCars writes them: PHP DateTime objects and ISO 8601 with the Madrid offset. */

const timeZone = 'Europe/Madrid'

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
})

export type PhpDate = { date: string; timezone_type: 3; timezone: string }

/** `{date: '2022-01-20 17:00:59.000000', timezone_type: 3, timezone: 'Europe/Madrid'}` */
export function phpDate(iso: string): PhpDate {
  const p = madridParts(iso)
  return {
    date: `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}.000000`,
    timezone_type: 3,
    timezone: timeZone,
  }
}

/** `2022-01-20T17:00:59+01:00` */
export function isoWithOffset(iso: string): string {
  const p = madridParts(iso)
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${p.offset}`
}

function madridParts(iso: string): Record<string, string> {
  const parts = partsFormat.formatToParts(new Date(iso))
  const byType = Object.fromEntries(parts.map((part) => [part.type, part.value]))
  const zone = byType.timeZoneName ?? 'GMT'
  return { ...byType, offset: zone === 'GMT' ? '+00:00' : zone.replace('GMT', '') }
}
