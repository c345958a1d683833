import { createKioskApi } from '../../src/preload/api'
import type { KioskCall, KioskEvent } from '../../src/shared/contract'

/**
 * The browser side of the development host: `window.kiosk` over HTTP, the same KioskApi the
 * Electron preload exposes over IPC. Calls are `POST /__kiosk/call/<call>` with the payload as
 * the JSON body; events arrive on one shared EventSource. Built to an IIFE by the host.
 */

type EventSourceLike = { onmessage: ((message: { data: string }) => void) | null; close(): void }
declare const EventSource: new (url: string) => EventSourceLike

const listeners = new Set<(event: KioskEvent) => void>()
let source: EventSourceLike | null = null

async function invoke(call: KioskCall, payload?: unknown): Promise<unknown> {
  const response = await fetch(`/__kiosk/call/${call}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: payload === undefined ? '' : JSON.stringify(payload),
  })
  return response.json()
}

function subscribe(listener: (event: KioskEvent) => void): () => void {
  listeners.add(listener)
  source ??= openEvents()
  return () => {
    listeners.delete(listener)
    if (listeners.size > 0 || !source) return
    source.close()
    source = null
  }
}

function openEvents(): EventSourceLike {
  const events = new EventSource('/__kiosk/events')
  events.onmessage = (message) => {
    const event = parseEvent(message.data)
    if (event) for (const listener of listeners) listener(event)
  }
  return events
}

function parseEvent(data: string): KioskEvent | null {
  try {
    return JSON.parse(data) as KioskEvent
  } catch {
    return null
  }
}

Object.assign(globalThis, { kiosk: createKioskApi({ invoke, subscribe }) })
