import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildLeadPayload } from '../../../src/main/leadcars'
import { clientAt, deliveryRequest, startRecorder } from './fixtures'

/** Tolerant reading of answers the manual leaves undocumented or shows loosely. */
describe('LeadCars client: tolerant parsing', () => {
  let answer = ''
  let status = 200
  let recorder: Awaited<ReturnType<typeof startRecorder>>
  const client = () => clientAt(recorder.url)
  const payload = () =>
    buildLeadPayload(
      deliveryRequest({
        reference: { dealerId: 1, siteId: 2, campaignCode: 'C', showroomLeadTypeId: 3 },
      }),
      { dynamicFieldPlacement: 'custom' },
    )

  beforeEach(async () => {
    status = 200
    recorder = await startRecorder((_, res) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(answer),
    )
  })
  afterEach(() => recorder.close())

  it.each([
    ['{"id":"8123"}', 8123],
    ['{"lead_id":8123}', 8123],
    ['{"data":{"lead_id":"8123"},"referencia":"LC-9"}', 8123],
    ['{"id":"abc"}', null],
    ['{"ok":true}', null],
    ['', null],
    ['Lead creado', null],
  ])('reads the created lead id from %s', async (body, leadId) => {
    answer = body
    status = 201

    const created = await client().createLead(payload())

    expect(created).toMatchObject({ ok: true, value: { leadId } })
  })

  it('keeps the referencia of a created lead', async () => {
    answer = '{"data":{"id":5,"referencia":"LC-2026-5"}}'

    expect(await client().createLead(payload())).toEqual({
      ok: true,
      value: { leadId: 5, referencia: 'LC-2026-5' },
    })
  })

  it('reads leadinfos from the contact id alone, whatever else is odd or missing', async () => {
    answer = '{"id":"77","type":"OFFLINE","status":null,"contact":{"data":{"id":"139035"}}}'

    expect(await client().getLeadInfo(77)).toEqual({
      ok: true,
      value: { leadId: 77, contactId: 139035, typeName: null, statusName: null },
    })
  })

  it('answers malformed for leadinfos with no contact id', async () => {
    answer = '{"id":77,"contact":{"data":null}}'

    expect(await client().getLeadInfo(77)).toMatchObject({
      ok: false,
      error: { kind: 'malformed', status: 200 },
    })
  })

  it('reads lists wrapped in upper-case DATA, skipping items with no id', async () => {
    answer = '{"DATA":[{"ID":"4","NOMBRE":"Norte","CODIGO":"N 1"},{"NOMBRE":"sin id"},{"ID":5}]}'

    expect(await client().listCampaigns(1)).toEqual({
      ok: true,
      value: [
        { id: 4, name: 'Norte', code: 'N 1' },
        { id: 5, name: '5' },
      ],
    })
  })

  it('reads contact flags given as 0/1 and strings, leaving absent flags out', async () => {
    answer =
      '{"id":277,"gdpr":{"gdpr1":1,"gdpr2":"false","gdpr3":null,"date_check_gdpr":{"check":true}}}'

    expect(await client().getContact(277)).toEqual({
      ok: true,
      value: { id: 277, gdpr: { gdpr1: true, gdpr2: false } },
    })
  })

  it('reads journeys whose total is a string', async () => {
    answer = '{"recordsTotal":"1","data":[{"id":"33","title":"Bienvenida"}]}'

    const automagic = () => ({ user: 'u@d.es', token: 'AM' })

    expect(await clientAt(recorder.url, { automagic }).listJourneys()).toEqual({
      ok: true,
      value: [{ id: 33, title: 'Bienvenida' }],
    })
  })
})
