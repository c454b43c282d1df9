import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { maxChecksToSee } from '../../src/main/core/privacy'
import type { Notice } from '../../src/shared/api'
import {
  FAST_SCHEDULE,
  JONAS,
  call,
  isFinished,
  sandboxRequest,
  startPrivacySession,
  waitForRequest,
  type PrivacySession,
} from './helpers/privacySession'

const sessions: PrivacySession[] = []
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()))
})

async function session(...args: Parameters<typeof startPrivacySession>): Promise<PrivacySession> {
  const s = await startPrivacySession(...args)
  sessions.push(s)
  return s
}

/** Only this request's checks: GET /api/v2/gdpr/requests/{id} and nothing else. */
const CHECKS_ONLY = '^/api/v2/gdpr/requests/[^/]+$'

describe('the number of checks per completed request', () => {
  // Phases of stepMs each: an export has 3 before COMPLETED, a delete 4. With base 50 ms and cap 200 ms,
  // checks happen at 50, 150, 350, 550, 750, ... ms after the submission (sums of min(cap, base * 2^k)),
  // so a request that takes T ms is seen finished by check maxChecksToSee(T) at the latest, and the
  // org sees no more GETs of it than that. T is chosen between two check times, away from the edges.
  it.each([
    ['GDPR_EXPORT', 3, 150, 4],
    ['GDPR_DELETE', 4, 150, 5],
  ] as const)('a %s taking %i steps of %i ms costs at most %i checks', async (requestType, phases, stepMs, expected) => {
    const s = await session({ gdprStepMs: stepMs })
    const totalMs = phases * stepMs
    const bound = maxChecksToSee(totalMs, FAST_SCHEDULE)
    expect(bound).toBe(expected)

    const { request } = await call(s.core, 'privacy.submit', { requestType, subject: JONAS, confirmation: 'Jonas Berg' })
    const done = await waitForRequest(s.core, request.id, isFinished)
    expect(done.status).toBe('COMPLETED')
    const atSandbox = await sandboxRequest(s.sandbox, request.id)
    expect(atSandbox.polls).toBeGreaterThanOrEqual(1)
    expect(atSandbox.polls).toBeLessThanOrEqual(bound)
    expect(done.polls).toBe(atSandbox.polls)
  })

  it('states the bound for real days with the default schedule: 295 checks for a 3-day export', () => {
    expect(maxChecksToSee(3 * 86_400_000, { baseMs: 5_000, capMs: 900_000, rateLimitedFloorMs: 60_000 })).toBe(295)
  })
})

describe('tracking through rate limits', () => {
  it('rides out 429s (Retry-After honoured by the client) and completes', async () => {
    const s = await session({ gdprStepMs: 150, seed: 7 })
    s.sandbox.setFaults({ rateLimitBurstRate: 0.5, retryAfterSeconds: 0, routes: CHECKS_ONLY })
    const { request } = await call(s.core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject: JONAS })
    const done = await waitForRequest(s.core, request.id, isFinished)
    expect(done.status).toBe('COMPLETED')
    expect(s.sandbox.stats().faults.burst429).toBeGreaterThan(0)
    const retries = (await call(s.core, 'audit.tail', { limit: 500 })).filter(
      (e) => e.action === 'api.call' && e.outcome === 'retry' && e.detail?.errorCode === 'rate_limited',
    )
    expect(retries.length).toBeGreaterThan(0)
    expect(retries[0].detail?.retryAfterSeconds).toBe(0)
  })

  it('after a check that stays rate limited, waits at least the floor, shows the failure, and recovers', async () => {
    const s = await session({ gdprStepMs: 100 })
    s.sandbox.setFaults({ rateLimitBurstRate: 1, retryAfterSeconds: 0, routes: CHECKS_ONLY })
    const { request } = await call(s.core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject: JONAS })
    const failed = await waitForRequest(s.core, request.id, (v) => v.lastError !== undefined)
    expect(failed.lastError?.code).toBe('rate_limited')
    expect(failed.tracking).toBe(true)
    expect(Date.parse(failed.nextCheckAt as string) - Date.parse(failed.lastCheckedAt as string)).toBeGreaterThanOrEqual(
      FAST_SCHEDULE.rateLimitedFloorMs,
    )
    s.sandbox.setFaults({})
    const done = await waitForRequest(s.core, request.id, isFinished)
    expect(done).toMatchObject({ status: 'COMPLETED' })
    expect(done.lastError).toBeUndefined()
  })
})

describe('tracking through token expiry and 401s', () => {
  it('keeps going when tokens expire under it (the server refuses them before the client expects)', async () => {
    // The sandbox says expires_in 1 but forgets the token after 0.25 s: every check in between gets a 401.
    const s = await session({ gdprStepMs: 300, tokenLifetimeSeconds: 0.25 })
    const { request } = await call(s.core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject: JONAS })
    const done = await waitForRequest(s.core, request.id, isFinished)
    expect(done.status).toBe('COMPLETED')
    const stats = s.sandbox.stats()
    expect(stats.status['401']).toBeGreaterThan(0)
    expect(stats.tokensIssued).toBeGreaterThan(2)
    expect(done.lastError).toBeUndefined()
  })
})

describe('a restart while tracking', () => {
  it('picks the request up again from the data folder and finishes it, announcing it once', async () => {
    const s = await session({ gdprStepMs: 400 })
    const { request } = await call(s.core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject: JONAS })
    const seen = await waitForRequest(s.core, request.id, (v) => v.polls >= 1)
    expect(seen.status).not.toBe('COMPLETED')

    const core = await s.restart()
    const notices: Notice[] = []
    core.on('notice', (n) => notices.push(n))
    const before = (await call(core, 'privacy.list', {})).requests.find((r) => r.id === request.id)
    expect(before).toMatchObject({ source: 'switchboard', tracking: true, subjectName: 'Jonas Berg' })
    expect(before?.polls).toBeGreaterThanOrEqual(1)

    const done = await waitForRequest(core, request.id, isFinished)
    expect(done.status).toBe('COMPLETED')
    expect(done.timeline[0].status).toBe('INITIATED')
    expect(notices.filter((n) => n.id === `privacy-completed-${request.id}`)).toHaveLength(1)
    // Kept for the run: a window opened after the request finished is told too.
    expect((await call(core, 'app.info', {})).notices).toContainEqual(notices.find((n) => n.id === `privacy-completed-${request.id}`))
    const completions = (await call(core, 'audit.tail', { limit: 500 })).filter(
      (e) => e.action === 'privacy.completed' && e.target.endsWith(request.id),
    )
    expect(completions).toHaveLength(1)

    // And once more: a finished request is not announced again.
    const third = await s.restart()
    const again: Notice[] = []
    third.on('notice', (n) => again.push(n))
    await call(third, 'privacy.refreshFromOrg', {})
    expect((await call(third, 'privacy.list', {})).requests.find((r) => r.id === request.id)?.status).toBe('COMPLETED')
    expect(again).toEqual([])
  })
})

describe('tracking on the job runner', () => {
  /** Checks a minute apart: the test sees the request waiting, never checked. */
  const SLOW = { baseMs: 60_000, capMs: 60_000, rateLimitedFloorMs: 60_000 }

  it('a request waiting for its next check is a scheduled job: not running, kept as it is across a restart', async () => {
    const s = await session({ gdprStepMs: 60_000 }, SLOW)
    const { request } = await call(s.core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject: JONAS })
    // (Requests made elsewhere in the sandbox's org are tracked too, each by its own job.)
    const title = `Track GDPR export ${request.id.slice(0, 8)}`
    const tracking = (await call(s.core, 'jobs.list', {})).filter((j) => j.kind === 'privacy.track' && j.title === title)
    expect(tracking).toHaveLength(1)
    expect(tracking[0]).toMatchObject({ state: 'scheduled' })
    expect(tracking[0].title).not.toContain('Jonas')
    const view = (await call(s.core, 'privacy.list', {})).requests.find((r) => r.id === request.id)
    expect(tracking[0].runAt).toBe(view?.nextCheckAt)
    // The quit guard and the status bar count running jobs: a waiting request is not one.
    expect(s.core.runningJobs()).toBe(0)

    const core = await s.restart()
    const after = (await call(core, 'jobs.list', {})).filter((j) => j.kind === 'privacy.track' && j.title === title)
    expect(after).toEqual([expect.objectContaining({ id: tracking[0].id, state: 'scheduled', runAt: tracking[0].runAt })])
    expect((await call(core, 'app.info', {})).notices.map((n) => n.id)).not.toContain('jobs-interrupted')

    // Removing the request from the list cancels its job.
    await call(core, 'privacy.forget', { id: request.id })
    expect((await call(core, 'jobs.list', {})).find((j) => j.id === tracking[0].id)?.state).toBe('cancelled')
  })

  it('takes over requests tracked before jobs existed (only in requests.json) and finishes them', async () => {
    const s = await session({ gdprStepMs: 300 })
    const { request } = await call(s.core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject: JONAS })
    await waitForRequest(s.core, request.id, (v) => v.polls >= 1)
    // An older version kept no jobs: only the list of requests.
    const core = await s.restart(() => rm(join(s.dataDir, 'jobs'), { recursive: true, force: true }))
    const notices: Notice[] = []
    core.on('notice', (n) => notices.push(n))
    const done = await waitForRequest(core, request.id, isFinished)
    expect(done.status).toBe('COMPLETED')
    expect(notices.filter((n) => n.id === `privacy-completed-${request.id}`)).toHaveLength(1)
    // Kept for the run: a window opened after the request finished is told too.
    expect((await call(core, 'app.info', {})).notices).toContainEqual(notices.find((n) => n.id === `privacy-completed-${request.id}`))
    const title = `Track GDPR export ${request.id.slice(0, 8)}`
    // The job ends just after the check that saw the request finished.
    const jobStates = async () => (await call(core, 'jobs.list', {})).filter((j) => j.title === title).map((j) => j.state)
    for (let i = 0; i < 100 && (await jobStates()).includes('running'); i++) await new Promise((r) => setTimeout(r, 20))
    expect(await jobStates()).toEqual(['done'])
  })
})
