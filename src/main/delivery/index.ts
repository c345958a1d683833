export { createDelivery, malformedAnswerLimit } from './deliver'
export { openDeliveryJournal } from './journal'
export type { DeliveryJournal, JournalEntry, JournalOptions } from './journal'
export type { Delivery, DeliveryDeps, DeliverySettings } from './types'
