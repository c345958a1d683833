import { z } from 'zod'

/**
 * Which window delivers. Every window asks for one Web Lock; the window holding it leads and
 * delivers, the others wait in the lock's queue and take over when the leader closes. Wakes
 * made in a waiting window travel to the leader over a BroadcastChannel of the same name.
 */
export type Leadership = {
  readonly leading: boolean
  /** Sends a wake to the leading window (a window does not hear its own messages). */
  forward(reason: string): void
  /** Leaves the lock queue, or releases the lock when held; resolves once it is released. */
  release(): Promise<void>
}

export type LeadershipOptions = {
  lockName: string
  /** Called once this window holds the lock. */
  onLead: () => void
  /** A wake forwarded by another window, heard only while leading. */
  onForwarded: (reason: string) => void
}

const forwardedSchema = z.object({ type: z.literal('wake'), reason: z.string() })

export function seekLeadership(options: LeadershipOptions): Leadership {
  let leading = false
  let releaseHeld = (): void => undefined
  const held = new Promise<void>((resolve) => (releaseHeld = resolve))
  const abort = new AbortController()

  const channel = openChannel(`${options.lockName}:wake`, (reason) => {
    if (leading) options.onForwarded(reason)
  })

  const lead = async (): Promise<void> => {
    leading = true
    options.onLead()
    await held
    leading = false
  }
  const granted = requestLock(options.lockName, abort.signal, lead)

  return {
    get leading() {
      return leading
    },
    forward: (reason) => channel?.postMessage({ type: 'wake', reason }),
    release: async () => {
      channel?.close()
      abort.abort()
      releaseHeld()
      await granted
    },
  }
}

/**
 * Requests the lock; without the Web Locks API (never the case in Electron) this window simply
 * leads. Resolves when the lock is released or the request was abandoned.
 */
async function requestLock(
  name: string,
  signal: AbortSignal,
  lead: () => Promise<void>,
): Promise<void> {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return await lead()
  try {
    await navigator.locks.request(name, { signal }, lead)
  } catch {
    return
  }
}

function openChannel(name: string, onWake: (reason: string) => void): BroadcastChannel | null {
  if (typeof BroadcastChannel !== 'function') return null
  const channel = new BroadcastChannel(name)
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const message = forwardedSchema.safeParse(event.data)
    if (message.success) onWake(message.data.reason)
  }
  return channel
}
