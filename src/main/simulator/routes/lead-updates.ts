import { isPlainObject } from '../dynamic-fields'
import { isAbsent, parseId, textIssue } from '../fields'
import { leadIssues, toLeadChanges } from '../lead-input'
import { findStateById } from '../reference-data'
import { jsonReply, type Reply } from '../reply'
import { invalid, type Route, type RouteContext } from '../route'
import { addAction, type StoredLead } from '../store'
import { leadNotFound, leadParam } from './leads'

/** PUT /leads/{lead}/submit, POST /leads/{lead}/comments, POST /leads/{lead}/chat_conversation. */
export const leadUpdateRoutes: Route[] = [
  { method: 'PUT', path: '/leads/:lead/submit', auth: 'client', handle: editLead },
  { method: 'POST', path: '/leads/:lead/comments', auth: 'client', handle: addComment },
  { method: 'POST', path: '/leads/:lead/chat_conversation', auth: 'client', handle: addChat },
]

const temperatures = ['cold', 'warn', 'hot']

function editLead(context: RouteContext): Reply {
  const lead = leadParam(context)
  if (!lead) return leadNotFound(context)
  const issues = [...leadIssues(context.body, 'edit', lead.data), ...progressIssues(context.body)]
  if (issues.length > 0) return invalid(context, issues)

  lead.data = { ...lead.data, ...toLeadChanges(context.body) }
  applyProgress(lead, context.body)
  addAction(lead, 'edicion', 'Lead editado', context.now)

  return jsonReply(200, { message: 'Lead actualizado', id: lead.id })
}

function addComment(context: RouteContext): Reply {
  const lead = leadParam(context)
  if (!lead) return leadNotFound(context)
  const issue = textIssue(context.body, 'comentario', true)
  if (issue) return invalid(context, [issue])

  addAction(lead, 'comentario', String(context.body.comentario), context.now)
  return jsonReply(201, { message: 'Comentario registrado', lead: lead.id })
}

function addChat(context: RouteContext): Reply {
  const lead = leadParam(context)
  if (!lead) return leadNotFound(context)
  const issues = chatIssues(context.body.chat)
  if (issues.length > 0) return invalid(context, issues)

  const count = messageCount(context.body.chat)
  addAction(lead, 'chat', `Conversación de chat (${count} mensajes)`, context.now)
  return jsonReply(201, { message: 'Conversación registrada', lead: lead.id })
}

/** v2.5 fields of an edit: `estado {id, motivos, texto}` and `temperature`. */
function progressIssues(body: Record<string, unknown>): string[] {
  const issues: string[] = []
  const { estado, temperature } = body
  if (!isAbsent(estado) && !(isPlainObject(estado) && findStateById(parseId(estado.id) ?? 0))) {
    issues.push('El campo estado.id no corresponde a ningún estado (ver /listStates)')
  }
  if (!isAbsent(temperature) && !temperatures.includes(String(temperature))) {
    issues.push('El campo temperature debe ser cold, warn o hot')
  }
  return issues
}

function applyProgress(lead: StoredLead, body: Record<string, unknown>): void {
  const { estado, temperature } = body
  if (isPlainObject(estado))
    lead.statusName = findStateById(parseId(estado.id) ?? 0) ?? lead.statusName
  if (typeof temperature === 'string') lead.temperature = temperature
}

function chatIssues(chat: unknown): string[] {
  if (!isPlainObject(chat)) return ['El campo chat es obligatorio y debe ser un objeto']
  const issues: string[] = []
  if (typeof chat.chat_id !== 'string' || chat.chat_id === '') {
    issues.push('El campo chat.chat_id es obligatorio')
  }
  if (!Array.isArray(chat.users)) issues.push('El campo chat.users debe ser una lista')
  if (!Array.isArray(chat.messages)) issues.push('El campo chat.messages debe ser una lista')
  return issues
}

function messageCount(chat: unknown): number {
  return isPlainObject(chat) && Array.isArray(chat.messages) ? chat.messages.length : 0
}
