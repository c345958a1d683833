import { describe, expect, it } from 'vitest'
import { call, createLead, useSimulator } from './helpers'

describe('lead updates', () => {
  const sim = useSimulator()

  it('edits a lead and shows the change and the v2.5 state', async () => {
    const id = await createLead(sim())

    const response = await call(sim(), `/leads/${id}/submit`, {
      method: 'PUT',
      body: {
        cp: 28001,
        provincia: 'Madrid',
        estado: { id: 2, motivos: [], texto: '' },
        temperature: 'hot',
      },
    })
    const info = (await (await call(sim(), `/leadinfos/${id}`)).json()) as Record<string, unknown>

    expect(response.status).toBe(200)
    expect(info).toMatchObject({
      temperature: 'hot',
      status: { name: 'Contactado' },
      lead: { postal_code: '28001', region: 'Madrid', name: 'Lucía' },
    })
  })

  it('refuses an edit with a bad phone, state or temperature', async () => {
    const id = await createLead(sim())

    const response = await call(sim(), `/leads/${id}/submit`, {
      method: 'PUT',
      body: { telefono: '600', estado: { id: 99 }, temperature: 'warm' },
    })

    expect(response.status).toBe(422)
    expect(await response.text()).toMatch(/telefono.*estado.*temperature/)
  })

  it('records a comment and a chat conversation as actions', async () => {
    const id = await createLead(sim())
    const chat = {
      chat_id: 'c1',
      users: [],
      messages: [{ _id: 'm1', message: { text: 'Hola', type: 'text' } }],
    }

    const comment = await call(sim(), `/leads/${id}/comments`, {
      method: 'POST',
      body: { comentario: 'Llamar mañana' },
    })
    const conversation = await call(sim(), `/leads/${id}/chat_conversation`, {
      method: 'POST',
      body: { chat },
    })
    const info = (await (await call(sim(), `/leadinfos/${id}`)).json()) as {
      actions: { data: { type: string; info: string }[] }
    }

    expect([comment.status, conversation.status]).toEqual([201, 201])
    expect(info.actions.data.map((action) => action.type)).toEqual([
      'entrada_lead',
      'comentario',
      'chat',
    ])
    expect(info.actions.data[1]?.info).toBe('Llamar mañana')
  })

  it('requires comentario and a chat object, and a known lead', async () => {
    const id = await createLead(sim())

    const noComment = await call(sim(), `/leads/${id}/comments`, { method: 'POST', body: {} })
    const noChat = await call(sim(), `/leads/${id}/chat_conversation`, {
      method: 'POST',
      body: { chat: [] },
    })
    const unknown = await call(sim(), '/leads/1/comments', {
      method: 'POST',
      body: { comentario: 'x' },
    })

    expect([noComment.status, noChat.status, unknown.status]).toEqual([422, 422, 404])
    expect(await noComment.text()).toContain('comentario')
    expect(await noChat.text()).toContain('chat')
  })
})
