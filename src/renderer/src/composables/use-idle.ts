import { onMounted, onUnmounted } from 'vue'

const activityEvents = ['pointerdown', 'keydown', 'input', 'wheel'] as const

/**
 * Calls `onIdle` once no pointer, key or input activity has happened for `idleMs()` while
 * `active()` is true. Checked once a second, so precision is about a second.
 */
export function useIdle(options: {
  idleMs: () => number
  active: () => boolean
  onIdle: () => void
}): { touch: () => void } {
  let lastActivity = Date.now()
  let timer: ReturnType<typeof setInterval> | undefined
  const touch = (): void => {
    lastActivity = Date.now()
  }

  function check(): void {
    if (!options.active()) return touch()
    if (Date.now() - lastActivity >= options.idleMs()) {
      touch()
      options.onIdle()
    }
  }

  onMounted(() => {
    for (const type of activityEvents) document.addEventListener(type, touch, true)
    timer = setInterval(check, 1000)
  })
  onUnmounted(() => {
    for (const type of activityEvents) document.removeEventListener(type, touch, true)
    clearInterval(timer)
  })
  return { touch }
}
