import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SUBMIT_NOT_CREATED } from '../../src/shared/contract/privacy'
import type { AppError } from '../../src/shared/errors'
import { api, getToken } from './sandbox-helpers'
import { call, startPrivacySession, type PrivacySession } from './helpers/privacySession'

let session: PrivacySession
beforeAll(async () => {
  session = await startPrivacySession({ gdprStepMs: 60_000, seed: 11 })
})
afterAll(() => session.close())
afterEach(() => session.sandbox.setFaults({}))

/** The submit endpoint only: the lookup after it (GET, same path) stays healthy. */
const POST_ONLY = { routes: '^/api/v2/gdpr/requests$', methods: ['POST'] }

async function requestsAbout(email: string): Promise<number> {
  const token = await getToken(session.sandbox)
  const list = (await (await api(session.sandbox, '/api/v2/gdpr/requests?pageSize=100', token)).json()) as {
    entities: { subject: { emailAddresses: string[] } }[]
  }
  return list.entities.filter((r) => r.subject.emailAddresses.includes(email)).length
}

describe('a submit whose answer is lost', () => {
  it('finds the request it created in the org list instead of creating another one', async () => {
    const subject = { name: 'Grace O\u2019Neil', emailAddresses: ['grace.oneil@example.com'] }
    // The request reaches the handler and is created; the connection is reset in the middle of the answer.
    session.sandbox.setFaults({ resetRate: 1, ...POST_ONLY })
    const result = await call(session.core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject })
    expect(result.foundAfterFailure).toBe(true)
    expect(result.request).toMatchObject({ source: 'switchboard', tracking: true, status: 'INITIATED' })
    expect(session.sandbox.stats().byRoute['POST /api/v2/gdpr/requests']).toBe(1)
    expect(await requestsAbout('grace.oneil@example.com')).toBe(1)
    const entry = (await call(session.core, 'audit.tail', { limit: 50 })).find((e) => e.action === 'privacy.submit')
    expect(entry).toMatchObject({
      outcome: 'ok',
      target: `gdpr/requests/${result.request.id}`,
      detail: expect.objectContaining({ foundAfterFailure: true }),
    })
  })

  it('says "not created, safe to submit again" when the org list does not have it, and then submits once', async () => {
    const subject = { name: 'Erik Nilsson', phoneNumbers: ['+447700900456'], emailAddresses: ['erik.test@example.org'] }
    session.sandbox.setFaults({ errorRate5xx: 1, ...POST_ONLY })
    const error = (await call(session.core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject }).catch((e: unknown) => e)) as AppError
    expect(error.code).toBe('server_error')
    expect(error.message).toContain('the request was not created')
    expect(error.details).toEqual([{ errorCode: SUBMIT_NOT_CREATED }])
    expect(await requestsAbout('erik.test@example.org')).toBe(0)

    session.sandbox.setFaults({})
    await call(session.core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject })
    expect(await requestsAbout('erik.test@example.org')).toBe(1)
  })

  it('does not adopt a request made earlier for the same subject', async () => {
    const subject = { name: 'Chen Wei', phoneNumbers: ['+15555550102'] }
    const first = await call(session.core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject })
    session.sandbox.setFaults({ errorRate5xx: 1, ...POST_ONLY })
    await expect(call(session.core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject })).rejects.toMatchObject({
      details: [{ errorCode: SUBMIT_NOT_CREATED }],
    })
    const list = await call(session.core, 'privacy.list', {})
    expect(list.requests.filter((r) => r.subjectName === 'Chen Wei').map((r) => r.id)).toEqual([first.request.id])
  })
})
