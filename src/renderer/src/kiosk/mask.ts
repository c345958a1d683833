/** Masking of personal data on staff screens: enough to recognise a visitor, not to read it. */

function maskWord(word: string): string {
  const [first] = Array.from(word)
  return first ? `${first.toUpperCase()}***` : ''
}

/** "José García López" → "J*** G*** L***". */
export function maskName(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`.split(/\s+/).filter(Boolean).map(maskWord).join(' ')
}

/** "jose@example.es" → "j***@e***.es". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at < 1) return '***'
  const domain = email.slice(at + 1)
  const dot = domain.lastIndexOf('.')
  const tld = dot > 0 ? domain.slice(dot) : ''
  return `${email[0]}***@${domain[0] ?? ''}***${tld}`
}
