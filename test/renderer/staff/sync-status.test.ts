import { Dexie } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { createFakeKioskApi } from '../support/fake-kiosk-api'
import { freshOutbox, mount, tearDown } from '../support/mount'
import { seed, seedRejectedAtLead, visitor } from '../support/seed'
import { openStatus, rows } from '../support/staff'

afterEach(tearDown)

describe('the sync status screen', () => {
  it('lists every entry with its state, masked, newest first', async () => {
    const outbox = await freshOutbox()
    await seed(outbox, 'pending', visitor('Juan', 'García', 'juan@example.es'))
    await seed(outbox, 'retrying', visitor('Ana', 'Ruiz', 'ana@example.es'))
    await seed(outbox, 'needs_attention', visitor('Íñigo', 'Olabarría', 'inigo@example.es'))
    await seed(outbox, 'delivered', visitor('Marta', 'López Sanz', 'marta@example.es'))
    await seed(outbox, 'discarded', visitor('Pedro', 'Gil', 'pedro@example.es'))
    const { screen } = await mount({ outbox })

    await openStatus(screen)

    await expect.poll(() => rows().length).toBe(5)
    const expected = (await outbox.list()).map((entry) => [entry.reference, entry.state])
    expect(rows().map((row) => [row.dataset.reference, row.dataset.state])).toEqual(expected)
    expect(
      rows()
        .map((row) => row.dataset.state)
        .sort(),
    ).toEqual(['delivered', 'discarded', 'needs_attention', 'pending', 'pending'].sort())
    const text = document.body.textContent ?? ''
    expect(text).toContain('J*** G***')
    expect(text).toContain('M*** L*** S***')
    expect(text).toContain('j***@e***.es')
    for (const secret of ['García', 'Olabarría', 'juan@example.es', '612345678']) {
      expect(text).not.toContain(secret)
    }
  })

  it('shows steps, attempts, last error and counts per state', async () => {
    const outbox = await freshOutbox()
    const retrying = await seed(outbox, 'retrying')
    const rejected = await seed(outbox, 'needs_attention')
    await seed(outbox, 'delivered')
    const { screen } = await mount({ outbox })

    await openStatus(screen)

    await expect.poll(() => rows().length).toBe(3)
    const byReference = (reference: string) =>
      rows().find((candidate) => candidate.dataset.reference === reference)
    expect(byReference(retrying.reference)?.textContent).toContain(
      'No se ha podido contactar con LeadCars',
    )
    expect(byReference(retrying.reference)?.textContent).not.toContain('Connection refused')
    expect(byReference(retrying.reference)?.textContent).toContain('Pendiente')
    const rejectedCell = byReference(rejected.reference)?.querySelector(
      '[data-testid="last-error"]',
    )
    expect(rejectedCell?.textContent).toContain('LeadCars ha rechazado la entrada')
    // LeadCars' own reason stays, as a secondary line, to help staff correct the entry.
    expect(rejectedCell?.querySelector('small')?.textContent).toBe(
      'LeadCars rejected the email address',
    )
    expect(byReference(rejected.reference)?.textContent).toContain('lead')
    await expect.element(screen.getByTestId('count-pending')).toHaveTextContent('1')
    await expect.element(screen.getByTestId('count-needs_attention')).toHaveTextContent('1')
    await expect.element(screen.getByTestId('count-delivered')).toHaveTextContent('1')
  })

  it('follows the outbox as the courier changes it', async () => {
    const outbox = await freshOutbox()
    const entry = await seed(outbox, 'pending')
    const { screen } = await mount({ outbox })
    await openStatus(screen)
    await expect.poll(() => rows()[0]?.dataset.state).toBe('pending')

    await outbox.markSending(entry.reference)

    await expect.poll(() => rows()[0]?.dataset.state).toBe('sending')
  })

  it('sends now, retries and discards with a reason', async () => {
    const outbox = await freshOutbox()
    const toRetry = await seed(outbox, 'needs_attention')
    const toDiscard = await seed(outbox, 'needs_attention', visitor('Eva', 'Sol', 'eva@sol.es'))
    const { screen, courier } = await mount({ outbox })
    await openStatus(screen)

    await screen.getByRole('button', { name: 'Enviar ahora' }).click()
    expect(courier.sendNow).toHaveBeenCalledTimes(1)

    const retryRow = screen.getByRole('row').filter({ hasText: 'J*** G***' })
    await retryRow.getByRole('button', { name: 'Reintentar' }).click()
    await expect.poll(async () => (await outbox.get(toRetry.reference))?.state).toBe('pending')
    expect(courier.wake).toHaveBeenCalled()

    const discardRow = screen.getByRole('row').filter({ hasText: 'E*** S***' })
    await discardRow.getByRole('button', { name: 'Descartar' }).click()
    const dialog = screen.getByRole('dialog', { name: 'Descartar la entrada' })
    await expect.element(dialog.getByRole('button', { name: 'Descartar' })).toBeDisabled()
    await dialog.getByLabelText('Motivo').fill('Datos de prueba')
    await dialog.getByRole('button', { name: 'Descartar' }).click()

    await expect.poll(async () => (await outbox.get(toDiscard.reference))?.state).toBe('discarded')
    const history = (await outbox.get(toDiscard.reference))?.history ?? []
    expect(history.at(-1)).toMatchObject({ action: 'discarded', note: 'Datos de prueba' })
  })

  it('edits a rejected entry and puts it back in the queue', async () => {
    const outbox = await freshOutbox()
    const entry = await seedRejectedAtLead(outbox, visitor('Juan', 'García', 'juan@example'))
    const { screen } = await mount({ outbox })
    await openStatus(screen)

    await screen.getByRole('button', { name: 'Corregir y reenviar' }).click()
    const form = screen.getByTestId('edit-entry')
    await expect.element(form.getByLabelText('Correo electrónico')).toHaveValue('juan@example')
    await form.getByLabelText('Correo electrónico').fill('juan@example')
    await form.getByRole('button', { name: 'Guardar y reenviar' }).click()
    await expect
      .element(form.getByText('Revise el correo: debe ser como nombre@dominio.es.'))
      .toBeVisible()

    await form.getByLabelText('Correo electrónico').fill('juan@example.es')
    await form.getByRole('button', { name: 'Guardar y reenviar' }).click()

    await expect.poll(async () => (await outbox.get(entry.reference))?.state).toBe('pending')
    expect((await outbox.get(entry.reference))?.visitor?.email).toBe('juan@example.es')
    await expect.element(screen.getByTestId('edit-entry')).not.toBeInTheDocument()
  })

  it('shows the alerts: auth paused, missing entries, set-aside rows', async () => {
    const name = `screens-${crypto.randomUUID()}`
    const outbox = await freshOutbox(name)
    await seed(outbox, 'pending')
    const raw = new Dexie(name)
    raw
      .version(1)
      .stores({ entries: 'reference, state, [state+nextAttemptAt]', quarantine: '++seq, key' })
    await raw.table('entries').put({ reference: 'broken-row', state: 'pending', junk: true })
    raw.close()
    const api = createFakeKioskApi({ status: { authPaused: true, tokenState: 'unreadable' } })
    api.missing = ['lost-reference-1']
    const { screen } = await mount({ api, outbox })

    await openStatus(screen)

    await expect.element(screen.getByTestId('auth-alert')).toBeVisible()
    await expect
      .element(screen.getByTestId('token-state'))
      .toHaveTextContent('Ilegible: vuelva a introducirlo')
    await expect.element(screen.getByTestId('missing-alert')).toHaveTextContent('lost-reference-1')
    await expect.element(screen.getByTestId('set-aside')).toHaveTextContent('broken-row')
    expect(api.calls.reportLedger.at(-1)?.complete).toBe(true)
  })

  it('updates from main status events', async () => {
    const { screen, api } = await mount()
    await openStatus(screen)
    await expect.element(screen.getByTestId('auth-alert')).not.toBeInTheDocument()

    api.emit({ type: 'status', status: { ...api.status, authPaused: true } })
    api.emit({
      type: 'connectivity',
      connectivity: { reachable: false, checkedAt: new Date().toISOString() },
    })

    await expect.element(screen.getByTestId('auth-alert')).toBeVisible()
    await expect.element(screen.getByTestId('reachability')).toHaveTextContent('No accesible')
  })
})
