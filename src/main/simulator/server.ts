import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void

/** An HTTP listener on 127.0.0.1 that can stop accepting connections and start again. */
export type Listener = {
  readonly port: number
  /** Stops listening and destroys every open connection, idle and kept-alive ones included. */
  down(): Promise<void>
  /** Listens again on the same port. */
  up(): Promise<void>
}

const host = '127.0.0.1'

export async function startListener(port: number, handler: RequestHandler): Promise<Listener> {
  let server: Server | null = await listen(port, handler)
  const boundPort = portOf(server)

  return {
    port: boundPort,
    async down() {
      if (!server) return
      const closing = server
      server = null
      await stop(closing)
    },
    async up() {
      if (server) return
      server = await listen(boundPort, handler)
    },
  }
}

async function listen(port: number, handler: RequestHandler): Promise<Server> {
  const server = createServer(handler)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return server
}

async function stop(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeAllConnections()
  await closed
  await settle()
}

/**
 * Lets a client in this process read the end of its kept-alive connections before it sends
 * again, so that its next request meets a refused port rather than a socket closing under it.
 */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve))
}

function portOf(server: Server): number {
  const address = server.address()
  if (address === null || typeof address === 'string') {
    throw new Error('The simulator is not bound to a TCP port')
  }
  return address.port
}
