/**
 * The LeadCars simulator: a real HTTP server on 127.0.0.1 that plays LeadCars API v2 for demo
 * mode and for the tests. It never imports electron and never logs personal data.
 */
export { defaultVariants, startSimulator } from './simulator'
export type {
  Fault,
  FaultRule,
  GdprFlags,
  JourneyMembership,
  RecordedRequest,
  SimContact,
  SimLead,
  SimReference,
  Simulator,
  SimulatorOptions,
  SimulatorVariants,
} from './types'
