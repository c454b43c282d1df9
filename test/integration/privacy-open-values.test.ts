import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../src/main/sandbox'
import { api, getToken } from './sandbox-helpers'
import { call, IVAN, JONAS, startPrivacySession, type PrivacySession } from './helpers/privacySession'

let session: PrivacySession
beforeAll(async () => {
  session = await startPrivacySession({ gdprStepMs: 60_000 })
})
afterAll(() => session.close())

/** What a later platform release might send: the sandbox reports these values for one request. */
async function reportAs(sandbox: Sandbox, id: string, values: { status?: string; requestType?: string }): Promise<void> {
  const response = await fetch(`${sandbox.url}/__sandbox/gdpr/requests/${id}/reported-as`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(values),
  })
  expect(response.status).toBe(200)
}

describe('GDPR statuses and request types the platform adds later', () => {
  it('keep the whole list working: the new values are shown as they come, tracked, and kept across a restart', async () => {
    await call(session.core, 'privacy.refreshFromOrg', {}) // the import at start is done
    // Made elsewhere (straight to the API), then reported with a type and a status this version does not know.
    const token = await getToken(session.sandbox)
    const made = (await (
      await api(session.sandbox, '/api/v2/gdpr/requests', token, { method: 'POST', body: { requestType: 'GDPR_EXPORT', subject: IVAN } })
    ).json()) as { id: string }
    await reportAs(session.sandbox, made.id, { requestType: 'GDPR_ANONYMIZE', status: 'AWAITING_APPROVAL' })

    const list = await call(session.core, 'privacy.refreshFromOrg', {})
    expect(list.lastImport?.error).toBeUndefined()
    const added = list.requests.find((r) => r.id === made.id)
    expect(added).toMatchObject({ requestType: 'GDPR_ANONYMIZE', status: 'AWAITING_APPROVAL', tracking: true, source: 'elsewhere' })
    expect(added?.path).toContain('AWAITING_APPROVAL')
    expect(list.requests.some((r) => r.subjectName === 'Dana Whitfield' && r.status === 'SEARCHING')).toBe(true)

    // A request already tracked moves into a new status: the check takes it in like any other.
    const dana = list.requests.find((r) => r.subjectName === 'Dana Whitfield' && r.source === 'elsewhere')!
    await reportAs(session.sandbox, dana.id, { status: 'ON_HOLD' })
    const checked = await call(session.core, 'privacy.checkNow', { id: dana.id })
    expect(checked).toMatchObject({ status: 'ON_HOLD', tracking: true })
    expect(checked.timeline.map((s) => s.status)).toEqual(['SEARCHING', 'ON_HOLD'])

    const core = await session.restart()
    const stored = (await call(core, 'privacy.list', {})).requests
    expect(stored.find((r) => r.id === made.id)).toMatchObject({ requestType: 'GDPR_ANONYMIZE', status: 'AWAITING_APPROVAL' })
    expect(stored.find((r) => r.id === dana.id)?.status).toBe('ON_HOLD')
  })
})

describe('replacement terms of type TWITTER', () => {
  it('are sent to the platform (which accepts them) and checked as handles first', async () => {
    const update = (updatedValue: string) =>
      call(session.core, 'privacy.submit', {
        requestType: 'GDPR_UPDATE',
        subject: JONAS,
        replacementTerms: [{ type: 'TWITTER', existingValue: '@jonasberg', updatedValue }],
      })
    await expect(update('not a handle!')).rejects.toMatchObject({
      code: 'invalid_input',
      details: [expect.objectContaining({ fieldName: 'replacementTerms.0.updatedValue' })],
    })
    const { request } = await update('@jberg_new')
    expect(request).toMatchObject({ requestType: 'GDPR_UPDATE', status: 'INITIATED' })
    const token = await getToken(session.sandbox)
    const raw = (await (await api(session.sandbox, `/api/v2/gdpr/requests/${request.id}`, token)).json()) as {
      replacementTerms: { type: string }[]
    }
    expect(raw.replacementTerms).toEqual([{ type: 'TWITTER', existingValue: '@jonasberg', updatedValue: '@jberg_new' }])
  })
})
