/** The offline outbox (IndexedDB) and the courier that delivers its entries through main. */
export { openOutbox, type Outbox } from './outbox'
export { createCourier, type Courier, type CourierOptions } from './courier'
export { minTimerMs, timerDelayMs } from './timing'
export { OutboxStateError, OutboxWriteError } from './errors'
export type {
  ErrorRecord,
  HistoryAction,
  HistoryRecord,
  OutboxDraft,
  OutboxEntry,
  SetAsideRow,
} from './model'
