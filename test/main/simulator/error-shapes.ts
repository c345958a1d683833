import { expect } from 'vitest'
import type { SimulatorVariants } from '../../../src/main/simulator'

export const errorShapes: SimulatorVariants['errorShape'][] = [
  'error.message',
  'error',
  'message',
  'msg',
  'errors',
  'text',
  'html',
]

/** Reads an error answer strictly as the given shape, failing the test when it is not. */
export async function messageIn(
  response: Response,
  shape: SimulatorVariants['errorShape'],
): Promise<string> {
  const contentType = response.headers.get('content-type') ?? ''
  const text = await response.text()
  if (shape === 'text') {
    expect(contentType).toMatch(/^text\/plain/)
    return text
  }
  if (shape === 'html') {
    expect(contentType).toMatch(/^text\/html/)
    expect(text).toMatch(/^<!DOCTYPE html>/)
    return text.replace(/<[^>]+>/g, ' ')
  }
  expect(contentType).toMatch(/^application\/json/)
  return jsonMessage(JSON.parse(text) as Record<string, unknown>, shape)
}

function jsonMessage(
  body: Record<string, unknown>,
  shape: SimulatorVariants['errorShape'],
): string {
  switch (shape) {
    case 'error.message': {
      const error = body.error as Record<string, unknown>
      expect(typeof error.message).toBe('string')
      return String(error.message)
    }
    case 'errors':
      expect(Array.isArray(body.errors)).toBe(true)
      expect((body.errors as unknown[]).every((item) => typeof item === 'string')).toBe(true)
      return (body.errors as string[]).join(' | ')
    default: {
      const value = body[shape]
      expect(typeof value).toBe('string')
      return String(value)
    }
  }
}
