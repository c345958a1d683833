/**
 * What the renderer itself does to keep a visitor inside the kiosk: no context menu, no file
 * or link dropped onto the window, no pinch or Ctrl+wheel zoom. Main blocks navigation, new
 * windows, shortcuts and devtools; this covers what reaches the page first.
 */
export function lockDownDocument(target: Document): () => void {
  const block = (event: Event): void => event.preventDefault()
  const blockZoom = (event: WheelEvent): void => {
    if (event.ctrlKey) event.preventDefault()
  }
  const listeners: [string, EventListener][] = [
    ['contextmenu', block],
    ['dragover', block],
    ['drop', block],
    ['gesturestart', block],
    ['wheel', blockZoom as EventListener],
  ]
  for (const [type, listener] of listeners) {
    target.addEventListener(type, listener, { passive: false })
  }
  return () => {
    for (const [type, listener] of listeners) target.removeEventListener(type, listener)
  }
}
