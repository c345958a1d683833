import {
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  type CountryCode,
} from 'libphonenumber-js/max'

export type CountryOption = { code: string; label: string }

/** Countries most visitors of a Spanish showroom come from, listed first. */
const nearby = ['ES', 'PT', 'FR', 'GB', 'DE', 'IT', 'NL', 'BE', 'CH', 'IE', 'MA', 'RO', 'US']

/** Phone countries for a selector, named in `language`, e.g. "España (+34)"; `first` on top. */
export function countryOptions(language: string, first: string): CountryOption[] {
  const names = new Intl.DisplayNames([language], { type: 'region' })
  const option = (code: CountryCode): CountryOption => ({
    code,
    label: `${names.of(code) ?? code} (+${getCountryCallingCode(code)})`,
  })
  const top = [first, ...nearby].filter((code) => isSupportedCountry(code))
  const rest = getCountries()
    .filter((code) => !top.includes(code))
    .map(option)
    .sort((a, b) => a.label.localeCompare(b.label, language))
  return [...new Set(top)].map(option).concat(rest)
}
