import type { RecordedRequest, SimContact, SimLead } from '../../../src/main/simulator'
import type { OutboxEntry } from '../../../src/renderer/src/outbox'
import type { ConsentRecord, GdprFlag } from '../../../src/shared/entry'
import { expectedFlags } from './visitors'

/** What the soak captured, what the outbox and the simulator hold at the end, and the sums. */
export type SoakFacts = {
  captured: Map<string, ConsentRecord[]>
  entries: OutboxEntry[]
  leads: SimLead[]
  contacts: SimContact[]
  requests: RecordedRequest[]
}

export type SoakReport = {
  captured: number
  delivered: number
  /** Captured, and no longer in the outbox. */
  missing: number
  /** Captured, in the outbox, but not delivered. */
  undelivered: number
  /** Those, by state and last error (`needs_attention malformed 200`), to say why. */
  undeliveredWhy: Record<string, number>
  /** Leads beyond the first for a kiosk_ref. */
  duplicateLeads: number
  ambiguousRetries: number
  /** Entries whose duplicates exceed their own ambiguous retries. */
  uncountedDuplicates: string[]
  /** Leads whose kiosk_ref no captured entry carries. */
  leadsWithoutEntry: number
  /** Captured entries with no lead at all. */
  entriesWithoutLead: number
  /** Delivered entries whose contact's GDPR flags differ from the visitor's answers. */
  wrongConsents: string[]
  requestsByStatus: Record<string, number>
}

export function soakReport(facts: SoakFacts): SoakReport {
  const byReference = new Map(facts.entries.map((entry) => [entry.reference, entry]))
  const leadsByRef = groupLeads(facts.leads)
  const held = [...facts.captured.keys()].map((ref) => byReference.get(ref))
  const present = held.filter((entry): entry is OutboxEntry => entry !== undefined)

  return {
    captured: facts.captured.size,
    delivered: present.filter((entry) => entry.state === 'delivered').length,
    missing: held.length - present.length,
    undelivered: present.filter((entry) => entry.state !== 'delivered').length,
    undeliveredWhy: countBy(
      present.filter((entry) => entry.state !== 'delivered'),
      (entry) => [entry.state, entry.lastError?.kind, entry.lastError?.status].join(' ').trim(),
    ),
    duplicateLeads: [...leadsByRef.values()].reduce((sum, leads) => sum + leads.length - 1, 0),
    ambiguousRetries: present.reduce((sum, entry) => sum + entry.ambiguousRetries, 0),
    uncountedDuplicates: present
      .filter(
        (entry) => (leadsByRef.get(entry.deliveryKey)?.length ?? 0) - 1 > entry.ambiguousRetries,
      )
      .map((entry) => entry.reference),
    leadsWithoutEntry: [...leadsByRef.keys()].filter((ref) => !facts.captured.has(ref)).length,
    entriesWithoutLead: [...facts.captured.keys()].filter((ref) => !leadsByRef.has(ref)).length,
    wrongConsents: wrongConsents(present, facts, leadsByRef),
    requestsByStatus: countBy(facts.requests, (request) =>
      request.status === null ? 'no answer' : String(request.status),
    ),
  }
}

/** The contact of every lead of a delivered entry must hold the flags its visitor chose. */
function wrongConsents(
  entries: OutboxEntry[],
  facts: SoakFacts,
  leadsByRef: Map<string, SimLead[]>,
): string[] {
  const contacts = new Map(facts.contacts.map((contact) => [contact.id, contact]))
  return entries
    .filter((entry) => entry.state === 'delivered')
    .filter((entry) => {
      const wanted = expectedFlags(facts.captured.get(entry.reference) ?? [])
      const leads = leadsByRef.get(entry.deliveryKey) ?? []
      return (
        leads.length === 0 || leads.some((lead) => !sameFlags(contacts.get(lead.contactId), wanted))
      )
    })
    .map((entry) => entry.reference)
}

function sameFlags(contact: SimContact | undefined, wanted: Record<GdprFlag, boolean>): boolean {
  const gdpr = contact?.gdpr
  if (!gdpr) return false
  return (Object.keys(wanted) as GdprFlag[]).every((flag) => gdpr[flag] === wanted[flag])
}

export function groupLeads(leads: SimLead[]): Map<string, SimLead[]> {
  const groups = new Map<string, SimLead[]>()
  for (const lead of leads) {
    const ref = String(lead.dynamic.kiosk_ref)
    groups.set(ref, [...(groups.get(ref) ?? []), lead])
  }
  return groups
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1
  return counts
}

/** The report as a small two-column table for stdout. */
export function reportTable(report: SoakReport, extra: Record<string, string | number>): string {
  const rows: [string, string | number][] = [
    ['entries captured', report.captured],
    ['delivered', report.delivered],
    ['lost (not in the outbox)', report.missing],
    ['lost (in the outbox, not delivered)', report.undelivered],
    ['duplicate leads at the simulator', report.duplicateLeads],
    ['ambiguous retries counted', report.ambiguousRetries],
    ...Object.entries(report.undeliveredWhy).map(([why, count]): [string, number] => [
      `  of which ${why}`,
      count,
    ]),
    ...Object.entries(extra),
    ...Object.entries(report.requestsByStatus)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, count]): [string, number] => [requestLabel(status), count]),
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${String(value)}`).join('\n')
}

function requestLabel(status: string): string {
  return status === 'no answer' ? 'requests with no answer' : `requests answered ${status}`
}
