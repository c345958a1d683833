import { net, powerMonitor } from 'electron'

const pollMs = 5_000

/**
 * Calls `onChange` when the OS reports a change that may bring the network back: resume from
 * sleep, screen unlock, or Electron's online flag flipping. Returns a stop function.
 */
export function watchNetwork(onChange: () => void): () => void {
  let online = net.isOnline()
  const timer = setInterval(() => {
    const now = net.isOnline()
    if (now === online) return
    online = now
    onChange()
  }, pollMs)
  powerMonitor.on('resume', onChange)
  powerMonitor.on('unlock-screen', onChange)
  return () => {
    clearInterval(timer)
    powerMonitor.off('resume', onChange)
    powerMonitor.off('unlock-screen', onChange)
  }
}
