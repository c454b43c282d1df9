import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manualClock, startSandbox, type Sandbox } from '../../src/main/sandbox'
import { api, getToken, UUID } from './sandbox-helpers'

let sandbox: Sandbox
let token: string
/** The sandbox's time: GDPR requests move a phase only when a test advances it by a step. */
const clock = manualClock()
const STEP_MS = 100

beforeAll(async () => {
  sandbox = await startSandbox({ gdprStepMs: STEP_MS, rateLimitPerMinute: 10_000, clock })
  token = await getToken(sandbox)
})
afterAll(() => sandbox.close())

type Json = Record<string, unknown>
const json = async (response: Response) => (await response.json()) as Json

function expectGenesysError(body: Json, status: number, fieldName?: string) {
  expect(body).toMatchObject({ status, code: 'bad.request', message: expect.any(String), contextId: expect.any(String) })
  if (fieldName) expect(body.details).toEqual(expect.arrayContaining([expect.objectContaining({ fieldName })]))
}

describe('GET /api/v2/gdpr/subjects', () => {
  it('finds a person who is both a user and an external contact by name, as two subjects', async () => {
    const body = await json(await api(sandbox, '/api/v2/gdpr/subjects?searchType=NAME&searchValue=amelia%20hart', token))
    const entities = body.entities as Json[]
    expect(entities).toHaveLength(2)
    expect(entities.map((s) => [Boolean(s.userId), Boolean(s.externalContactId)])).toEqual([
      [true, false],
      [false, true],
    ])
    for (const subject of entities)
      expect(subject).toMatchObject({
        name: 'Amelia Hart',
        phoneNumbers: [expect.stringMatching(/^\+\d+$/)],
        emailAddresses: [expect.any(String)],
      })
  })

  it('searches by phone (digits compared), email, social handle and external id', async () => {
    const first = async (query: string) =>
      ((await json(await api(sandbox, `/api/v2/gdpr/subjects?${query}`, token))).entities as Json[]).map((s) => s.name)
    expect(await first('searchType=PHONE&searchValue=%2B1%20555%20555%200101')).toEqual(['Bruno Costa'])
    expect(await first('searchType=EMAIL&searchValue=DANA.WHITFIELD@example.com')).toEqual(['Dana Whitfield'])
    expect(await first('searchType=TWITTER&searchValue=%40brunocosta_example')).toEqual(['Bruno Costa'])
    expect(await first('searchType=FACEBOOK&searchValue=brunocosta_example')).toEqual([])
    expect(await first('searchType=EXTERNAL_ID&searchValue=CRM-000417')).toEqual(['Fatima Zahra'])
  })

  it('answers 400 with the platform error body for a missing or unknown search type', async () => {
    const missing = await api(sandbox, '/api/v2/gdpr/subjects?searchValue=x', token)
    expect(missing.status).toBe(400)
    expectGenesysError(await json(missing), 400, 'searchType')
    const unknown = await api(sandbox, '/api/v2/gdpr/subjects?searchType=SHOE_SIZE&searchValue=9', token)
    expectGenesysError(await json(unknown), 400, 'searchType')
  })
})

describe('POST /api/v2/gdpr/requests', () => {
  const subject = { name: 'Jonas Berg', emailAddresses: ['jonas.berg@example.com'] }

  it('refuses a delete without deleteConfirmed=true, and accepts it with it', async () => {
    const refused = await api(sandbox, '/api/v2/gdpr/requests', token, { method: 'POST', body: { requestType: 'GDPR_DELETE', subject } })
    expect(refused.status).toBe(400)
    expectGenesysError(await json(refused), 400, 'deleteConfirmed')
    const accepted = await api(sandbox, '/api/v2/gdpr/requests?deleteConfirmed=true', token, {
      method: 'POST',
      body: { requestType: 'GDPR_DELETE', subject },
    })
    expect(accepted.status).toBe(202)
    expect(await json(accepted)).toMatchObject({
      id: expect.stringMatching(UUID),
      requestType: 'GDPR_DELETE',
      status: 'INITIATED',
      createdBy: { id: expect.any(String) },
    })
  })

  it('refuses a subject without identifiers, a phone number not in E.164, and misplaced replacement terms', async () => {
    const post = (body: Json) => api(sandbox, '/api/v2/gdpr/requests', token, { method: 'POST', body })
    expectGenesysError(await json(await post({ requestType: 'GDPR_EXPORT', subject: { name: 'Nobody' } })), 400, 'subject')
    expectGenesysError(
      await json(await post({ requestType: 'GDPR_EXPORT', subject: { phoneNumbers: ['020 7946 0123'] } })),
      400,
      'subject.phoneNumbers.0',
    )
    const terms = [{ type: 'EMAIL', existingValue: 'a@example.com', updatedValue: 'b@example.com' }]
    expectGenesysError(await json(await post({ requestType: 'GDPR_EXPORT', subject, replacementTerms: terms })), 400, 'replacementTerms')
    expectGenesysError(await json(await post({ requestType: 'GDPR_UPDATE', subject })), 400, 'replacementTerms')
  })

  it('moves an export INITIATED -> SEARCHING -> FINALIZING -> COMPLETED, then serves signed JSON results', async () => {
    const made = await json(
      await api(sandbox, '/api/v2/gdpr/requests', token, { method: 'POST', body: { requestType: 'GDPR_EXPORT', subject } }),
    )
    const seen = [made.status]
    let request: Json = made
    for (let step = 1; step <= 3; step++) {
      clock.advance(STEP_MS - 1)
      request = await json(await api(sandbox, `/api/v2/gdpr/requests/${made.id as string}`, token))
      expect(request.status, `1 ms before step ${step}`).toBe(seen.at(-1))
      clock.advance(1)
      request = await json(await api(sandbox, `/api/v2/gdpr/requests/${made.id as string}`, token))
      seen.push(request.status)
    }
    expect(seen).toEqual(['INITIATED', 'SEARCHING', 'FINALIZING', 'COMPLETED'])
    const urls = request.resultsUrls as string[]
    expect(urls).toHaveLength(2)
    expect(request.resultsUrl).toBe(urls[0])
    const interactions = (await (await fetch(urls[0])).json()) as { interactions: Json[] }
    expect(interactions.interactions.length).toBeGreaterThanOrEqual(3)
    expect(interactions.interactions[0]).toMatchObject({ conversationId: expect.stringMatching(UUID), participant: { name: 'Jonas Berg' } })
    expect((await fetch(urls[1].replace(/X-Amz-Signature=\w+/, 'X-Amz-Signature=00'))).status).toBe(403)
  })

  it('ends requests about a person marked to fail in ERROR, without results', async () => {
    const made = await json(
      await api(sandbox, '/api/v2/gdpr/requests', token, {
        method: 'POST',
        body: { requestType: 'GDPR_EXPORT', subject: { name: 'Ivan Petrov', emailAddresses: ['ivan.petrov@example.com'] } },
      }),
    )
    clock.advance(2 * STEP_MS)
    const request = await json(await api(sandbox, `/api/v2/gdpr/requests/${made.id as string}`, token))
    expect(request.status).toBe('ERROR')
    expect(request.resultsUrls).toBeUndefined()
  })
})

describe('GET /api/v2/gdpr/requests', () => {
  it('lists requests made elsewhere in the paging envelope, newest first', async () => {
    const page = await json(await api(sandbox, '/api/v2/gdpr/requests?pageSize=2&pageNumber=1', token))
    expect(page).toMatchObject({
      pageSize: 2,
      pageNumber: 1,
      total: expect.any(Number),
      pageCount: expect.any(Number),
      nextUri: expect.stringContaining('pageNumber=2'),
    })
    const all = await json(await api(sandbox, '/api/v2/gdpr/requests?pageSize=100', token))
    const entities = all.entities as Json[]
    const dates = entities.map((r) => Date.parse(r.createdDate as string))
    expect(dates).toEqual([...dates].sort((a, b) => b - a))
    const seeded = entities.filter((r) => (r.createdBy as Json).name === 'Priya Raman (Data Protection Officer)')
    expect(seeded.map((r) => r.status).sort()).toEqual(['COMPLETED', 'COMPLETED', 'ERROR', 'SEARCHING'])
  })

  it('answers 404 for an unknown request', async () => {
    expect((await api(sandbox, '/api/v2/gdpr/requests/00000000-0000-4000-8000-000000000000', token)).status).toBe(404)
  })
})
