import type { DeliveryRequest, Routing } from '../../shared/entry'

/** Routing an entry lacks (captured before staff set it) taken from the configured routing. */
export function withRouting(
  request: DeliveryRequest,
  configured: Partial<Routing> = {},
): DeliveryRequest {
  const own = request.routing
  const routing: Routing = {
    dealerId: isId(own.dealerId) ? own.dealerId : (configured.dealerId ?? own.dealerId),
    leadTypeId: isId(own.leadTypeId) ? own.leadTypeId : (configured.leadTypeId ?? own.leadTypeId),
  }
  const siteId = isId(own.siteId) ? own.siteId : configured.siteId
  const campaignCode = own.campaignCode?.trim() ? own.campaignCode : configured.campaignCode
  if (siteId !== undefined) routing.siteId = siteId
  if (campaignCode !== undefined) routing.campaignCode = campaignCode
  return { ...request, routing }
}

export function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}
