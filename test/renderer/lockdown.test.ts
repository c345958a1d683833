import { describe, expect, it } from 'vitest'
import { lockDownDocument } from '../../src/renderer/src/lockdown'

function dispatch(event: Event): boolean {
  document.body.dispatchEvent(event)
  return event.defaultPrevented
}

describe('kiosk-cannot-be-left (what the page itself blocks)', () => {
  it('blocks the context menu, dropped files and links, and Ctrl+wheel zoom', () => {
    const release = lockDownDocument(document)
    const options = { bubbles: true, cancelable: true }

    expect(dispatch(new MouseEvent('contextmenu', options))).toBe(true)
    expect(dispatch(new DragEvent('dragover', options))).toBe(true)
    expect(dispatch(new DragEvent('drop', options))).toBe(true)
    expect(dispatch(new WheelEvent('wheel', { ...options, ctrlKey: true }))).toBe(true)
    expect(dispatch(new WheelEvent('wheel', options))).toBe(false)

    release()
    expect(dispatch(new MouseEvent('contextmenu', options))).toBe(false)
  })
})
