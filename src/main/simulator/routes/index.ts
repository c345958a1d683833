import type { Route } from '../route'
import { automagicRoutes } from './automagic'
import { contactRoutes } from './contacts'
import { leadUpdateRoutes } from './lead-updates'
import { leadRoutes } from './leads'
import { referenceRoutes } from './reference'

/** Every endpoint of the LeadCars API v2 the simulator plays. */
export const routes: readonly Route[] = [
  ...leadRoutes,
  ...leadUpdateRoutes,
  ...contactRoutes,
  ...referenceRoutes,
  ...automagicRoutes,
]
