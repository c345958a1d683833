import type { IncomingMessage, ServerResponse } from 'node:http'
import type { KioskEvent } from '../../src/shared/contract'

const heartbeatMs = 15_000

/** Server-Sent Events of KioskEvent to every open `/__kiosk/events` stream. */
export type EventStreams = {
  open(req: IncomingMessage, res: ServerResponse): void
  closeAll(): void
}

export function createEventStreams(
  subscribe: (listener: (event: KioskEvent) => void) => () => void,
): EventStreams {
  const open = new Set<ServerResponse>()
  const unsubscribe = subscribe((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`
    for (const res of open) res.write(frame)
  })
  const heartbeat = setInterval(() => {
    for (const res of open) res.write(': keep-alive\n\n')
  }, heartbeatMs)
  heartbeat.unref()

  return {
    open: (req, res) => {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      })
      res.write(': connected\n\n')
      open.add(res)
      req.on('close', () => open.delete(res))
    },
    closeAll: () => {
      clearInterval(heartbeat)
      unsubscribe()
      for (const res of open) res.end()
      open.clear()
    },
  }
}
