import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import {
  validateVisitor,
  type VisitorErrors,
  type VisitorField,
  type VisitorInput,
} from '../../../shared/visitor'
import type { Visitor } from '../../../shared/entry'
import { defaultLanguage, isSupportedLanguage } from '../i18n'
import { consentRecords, missingConsents, type ConsentAnswer } from '../kiosk/consent'
import { useServices } from '../services'
import { useSettingsStore } from './settings'
import { useSyncStore } from './sync'

export const formSteps = ['name', 'contact', 'interest', 'consents'] as const
export type FormStep = (typeof formSteps)[number]
export type KioskStep = 'attract' | FormStep | 'thanks'

/** The fields each step of the form asks for; its errors are shown on that step. */
export const stepFields: Record<FormStep, VisitorField[]> = {
  name: ['firstName', 'lastName'],
  contact: ['email', 'phone', 'postcode'],
  interest: ['interest', 'comment'],
  consents: [],
}

type Form = Required<VisitorInput>

function emptyForm(country: string): Form {
  return {
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    postcode: '',
    interest: '',
    comment: '',
    country,
  }
}

function errorsFor(errors: VisitorErrors, fields: VisitorField[]): VisitorErrors {
  return Object.fromEntries(
    fields.flatMap((field) => (errors[field] ? [[field, errors[field]]] : [])),
  )
}

/**
 * The visitor's flow: the form as typed, the step shown, and sending the entry to the outbox.
 * Typed data is never cleared by validation or by a language change; only a finished capture,
 * "start again" or the idle reset clear it.
 */
export const useKioskStore = defineStore('kiosk', () => {
  const { outbox, courier } = useServices()
  const settings = useSettingsStore()
  const sync = useSyncStore()

  const step = ref<KioskStep>('attract')
  const language = ref(defaultLanguage)
  const form = reactive<Form>(emptyForm(settings.defaultCountry))
  const errors = ref<VisitorErrors>({})
  const consentAnswers = ref<Record<string, ConsentAnswer>>({})
  const consentErrors = ref<string[]>([])
  const sending = ref(false)
  const saveFailed = ref(false)
  const thankedName = ref('')
  /** One reference per visit: the outbox stores a second add with it as nothing new. */
  let visitReference = crypto.randomUUID()

  const stepNumber = computed(() => formSteps.indexOf(step.value as FormStep) + 1)

  function setLanguage(code: string): void {
    if (isSupportedLanguage(code)) language.value = code
  }

  function clearForm(): void {
    visitReference = crypto.randomUUID()
    Object.assign(form, emptyForm(settings.defaultCountry))
    errors.value = {}
    consentAnswers.value = {}
    consentErrors.value = []
    saveFailed.value = false
  }

  /** Back to the attract screen with nothing of the last visitor left in memory. */
  function reset(): void {
    clearForm()
    thankedName.value = ''
    sending.value = false
    language.value = defaultLanguage
    step.value = 'attract'
  }

  function start(): void {
    clearForm()
    step.value = 'name'
  }

  /** Checks the fields of the current step; moves on only when they are valid. */
  function next(): boolean {
    const current = step.value as FormStep
    const result = validateVisitor(form, settings.defaultCountry)
    errors.value = result.ok ? {} : errorsFor(result.errors, stepFields[current])
    if (Object.keys(errors.value).length > 0) return false
    step.value = formSteps[formSteps.indexOf(current) + 1] ?? current
    return true
  }

  /** One step back; back from the first step is leaving, which wipes the form. */
  function back(): void {
    const previous = formSteps[formSteps.indexOf(step.value as FormStep) - 1]
    if (!previous) return reset()
    errors.value = {}
    step.value = previous
  }

  function answerConsent(id: string, granted: boolean): void {
    consentAnswers.value = {
      ...consentAnswers.value,
      [id]: { granted, at: new Date().toISOString() },
    }
    consentErrors.value = consentErrors.value.filter((missing) => missing !== id)
  }

  /** Takes the visitor back to the first step with an invalid field, its errors shown. */
  function showFirstInvalidStep(all: VisitorErrors): void {
    const failing = formSteps.find((candidate) => {
      return Object.keys(errorsFor(all, stepFields[candidate])).length > 0
    })
    errors.value = errorsFor(all, stepFields[failing ?? 'name'])
    step.value = failing ?? 'name'
  }

  /** The visitor to store, or null with the reason shown (field errors or missing consents). */
  function readyVisitor(): Visitor | null {
    const result = validateVisitor(form, settings.defaultCountry)
    if (!result.ok) {
      showFirstInvalidStep(result.errors)
      return null
    }
    consentErrors.value = missingConsents(settings.consents, consentAnswers.value)
    return consentErrors.value.length === 0 ? result.visitor : null
  }

  async function store(visitor: Visitor): Promise<boolean> {
    const now = new Date().toISOString()
    const draft = {
      visitor,
      consents: await consentRecords(settings.consents, consentAnswers.value, language.value, now),
      routing: settings.captureRouting(),
      language: language.value,
      reference: visitReference,
    }
    try {
      await outbox.add(draft)
      return true
    } catch (error) {
      sync.raiseStorageAlert(error)
      return false
    }
  }

  function thank(): void {
    thankedName.value = form.firstName.trim()
    clearForm()
    step.value = 'thanks'
    courier.wake('captured')
  }

  /**
   * Stores the entry once. The guard is set before the first await, so a second tap (or any
   * second call) while the first is in progress or after it succeeded stores nothing.
   */
  async function send(): Promise<void> {
    if (sending.value || step.value !== 'consents') return
    sending.value = true
    saveFailed.value = false

    const visitor = readyVisitor()
    if (visitor && (await store(visitor))) return thank()

    saveFailed.value = visitor !== null
    sending.value = false
  }

  return {
    step,
    stepNumber,
    language,
    form,
    errors,
    consentAnswers,
    consentErrors,
    sending,
    saveFailed,
    thankedName,
    setLanguage,
    reset,
    start,
    next,
    back,
    answerConsent,
    send,
  }
})
