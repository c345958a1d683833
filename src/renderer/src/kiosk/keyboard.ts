import type { MessageKey } from '../i18n'

/** On-screen keyboard layouts, one per kind of field, and the editing a key press does. */

export type KeyboardKind = 'letters' | 'text' | 'email' | 'phone' | 'digits'
export type KeyAction = 'shift' | 'backspace' | 'space' | 'done' | 'next'
export type KeyDef =
  { kind: 'insert'; text: string } | { kind: 'action'; action: KeyAction; label: MessageKey }

const actions: Record<string, KeyDef> = {
  '{shift}': { kind: 'action', action: 'shift', label: 'keyboard.shift' },
  '{bksp}': { kind: 'action', action: 'backspace', label: 'keyboard.backspace' },
  '{space}': { kind: 'action', action: 'space', label: 'keyboard.space' },
  '{done}': { kind: 'action', action: 'done', label: 'keyboard.done' },
  '{next}': { kind: 'action', action: 'next', label: 'keyboard.next' },
}

const letterRows = [
  'q w e r t y u i o p',
  'a s d f g h j k l ñ',
  '{shift} z x c v b n m {bksp}',
  'á é í ó ú ü ç',
]

const rows: Record<KeyboardKind, string[]> = {
  letters: [...letterRows, "- ' {space} {done} {next}"],
  text: ['1 2 3 4 5 6 7 8 9 0', ...letterRows, ', . - ? ! {space} {done} {next}'],
  email: [
    '1 2 3 4 5 6 7 8 9 0',
    'q w e r t y u i o p',
    'a s d f g h j k l',
    'z x c v b n m {bksp}',
    '@ . - _ .com .es {done}',
    '@gmail.com @hotmail.com @outlook.com @yahoo.es {next}',
  ],
  phone: ['1 2 3', '4 5 6', '7 8 9', '+ 0 {bksp}', '{space} {done} {next}'],
  digits: ['1 2 3', '4 5 6', '7 8 9', '{bksp} 0 {done}', '{next}'],
}

function keyOf(token: string): KeyDef {
  return actions[token] ?? { kind: 'insert', text: token }
}

export function layout(kind: KeyboardKind): KeyDef[][] {
  return rows[kind].map((row) => row.split(' ').map(keyOf))
}

export function isKeyboardKind(value: string | undefined): value is KeyboardKind {
  return value !== undefined && value in rows
}

export type EditableField = HTMLInputElement | HTMLTextAreaElement

function announce(field: EditableField): void {
  field.dispatchEvent(new Event('input', { bubbles: true }))
}

/** Types `text` at the caret (replacing a selection), as the field's own typing would. */
export function insertText(field: EditableField, text: string): void {
  const start = field.selectionStart ?? field.value.length
  const end = field.selectionEnd ?? start
  const limit = field.maxLength > 0 ? field.maxLength : Infinity
  if (field.value.length - (end - start) + text.length > limit) return
  field.setRangeText(text, start, end, 'end')
  announce(field)
}

/** Deletes the selection, or the character before the caret. */
export function deleteBackward(field: EditableField): void {
  const end = field.selectionEnd ?? field.value.length
  const start = field.selectionStart ?? end
  if (start === end && start === 0) return
  field.setRangeText('', start === end ? start - 1 : start, end, 'end')
  announce(field)
}

/** Whether a key types a letter, the only keys a pressed Shift is meant for. */
export function hasCase(text: string): boolean {
  return text.toUpperCase() !== text.toLowerCase()
}

/**
 * The field "Next" moves to: the next one in its form that takes the on-screen keyboard, or
 * null on the last one (where "Next" submits the form, as its main button would).
 */
export function nextField(field: EditableField): EditableField | null {
  const fields = [...(field.form?.elements ?? [])].filter(
    (element): element is EditableField =>
      (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) &&
      element.dataset.keyboard !== undefined &&
      !element.disabled,
  )
  return fields[fields.indexOf(field) + 1] ?? null
}

/**
 * Whether the caret starts a word, where a name wants a capital letter: at the start, after a
 * space or after a hyphen. After an apostrophe the visitor decides (O'Connor, d'Amico).
 */
export function atWordStart(field: EditableField): boolean {
  const caret = field.selectionStart ?? field.value.length
  return caret === 0 || /[\s-]/.test(field.value.charAt(caret - 1))
}
