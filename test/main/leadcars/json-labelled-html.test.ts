import { afterEach, describe, expect, it } from 'vitest'
import { buildLeadPayload } from '../../../src/main/leadcars'
import { clientAt, deliveryRequest, errorOf, startRecorder, unwrap } from './fixtures'

/**
 * Defect: PHP labels JSON `text/html` by default, and a created lead answered that way was
 * taken for a captive portal and posted again (a new lead each time). The body decides.
 */

const routing = { reference: { dealerId: 1, siteId: 2, campaignCode: 'C', showroomLeadTypeId: 3 } }
const payload = buildLeadPayload(deliveryRequest(routing), { dynamicFieldPlacement: 'custom' })

let close: (() => Promise<void>) | undefined
afterEach(async () => close?.())

async function answering(status: number, contentType: string, body: string) {
  const recorder = await startRecorder((_, res) =>
    res.writeHead(status, { 'content-type': contentType }).end(body),
  )
  close = recorder.close
  return clientAt(recorder.url)
}

describe('json-labelled-html: the body, not the header, says whether an answer is a web page', () => {
  it('reads a 201 JSON body sent as text/html as the created lead', async () => {
    const client = await answering(201, 'text/html; charset=UTF-8', '{"id":501}')

    expect(unwrap(await client.createLead(payload))).toEqual({ leadId: 501 })
  })

  it('still takes an HTML page on a 200 for a captive portal', async () => {
    const client = await answering(200, 'text/html', '<html><title>Wi-Fi</title></html>')

    expect(errorOf(await client.createLead(payload))).toMatchObject({ kind: 'transient' })
  })

  it('takes an HTML page labelled JSON for a captive portal too', async () => {
    const client = await answering(200, 'application/json', '<!DOCTYPE html><p>Login</p>')

    expect(errorOf(await client.createLead(payload))).toMatchObject({ kind: 'transient' })
  })
})
