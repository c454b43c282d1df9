import { createHash } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Notice } from '../../src/shared/api'
import type { AppEvent } from '../../src/shared/api'
import type { PrivacyRequestChangedSignal, PrivacyRequestCompletedSignal } from '../../src/shared/contract/privacy'
import { expectRecordedAppEvent } from './helpers/appEvents'
import type { AppError } from '../../src/shared/errors'
import {
  IVAN,
  JONAS,
  call,
  isFinished,
  sandboxRequest,
  startPrivacySession,
  waitForRequest,
  type PrivacySession,
} from './helpers/privacySession'

let session: PrivacySession
let folder: string

beforeAll(async () => {
  session = await startPrivacySession()
  folder = await mkdtemp(join(tmpdir(), 'switchboard-results-'))
})
afterAll(async () => {
  await session.close()
  await rm(folder, { recursive: true, force: true })
})

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

async function auditText(): Promise<string> {
  await call(session.core, 'audit.verify', {})
  const dir = join(session.dataDir, 'audit')
  const files = await readdir(dir)
  const texts = await Promise.all(files.filter((f) => f.endsWith('.jsonl')).map((f) => readFile(join(dir, f), 'utf8')))
  return texts.join('\n')
}

describe('an export from search to saved, verified results', () => {
  it('searches, submits, tracks to COMPLETED, announces it, saves and verifies the results with CSV copies, and audits without personal data', async () => {
    const { core } = session
    const completed: AppEvent[] = []
    const changedSignals: PrivacyRequestChangedSignal[] = []
    const completedSignals: PrivacyRequestCompletedSignal[] = []
    const notices: Notice[] = []
    core.onAppEvent((e) => completed.push(e))
    core.on('privacy.request.changed', (e) => changedSignals.push(e))
    core.on('privacy.request.completed', (e) => completedSignals.push(e))
    core.on('notice', (n) => notices.push(n))

    const search = await call(core, 'privacy.searchSubjects', { searchType: 'EMAIL', searchValue: 'jonas.berg@example.com' })
    expect(search.matches).toHaveLength(1)
    expect(search.matches[0].kinds).toEqual(['user'])
    const subject = search.matches[0].subject

    const { request, foundAfterFailure } = await call(core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject })
    expect(foundAfterFailure).toBe(false)
    expect(request).toMatchObject({
      status: 'INITIATED',
      source: 'switchboard',
      tracking: true,
      subjectName: 'Jonas Berg',
      identifierKinds: ['name', 'userId', 'phone', 'email'],
    })

    const done = await waitForRequest(core, request.id, isFinished)
    expect(done.status).toBe('COMPLETED')
    expect(done.tracking).toBe(false)
    expect(done.nextCheckAt).toBeUndefined()
    expect(done.timeline.map((s) => s.status).at(-1)).toBe('COMPLETED')
    expect(done.path).toEqual(['INITIATED', 'SEARCHING', 'FINALIZING', 'COMPLETED'])
    expect(done.resultsCount).toBe(2)
    expect(completed.map((e) => [e.type, e.payload])).toEqual([
      [
        'privacy.export.completed',
        expect.objectContaining({ requestId: request.id, requestType: 'GDPR_EXPORT', profileId: 'sandbox', resultsCount: 2 }),
      ],
    ])
    expectRecordedAppEvent(completed[0], await call(core, 'audit.tail', { limit: 200 }))
    expect(completedSignals).toEqual([expect.objectContaining({ requestId: request.id, requestType: 'GDPR_EXPORT', resultsCount: 2 })])
    // The refresh signal says which request changed and its status; whose request it is stays in the list.
    expect(changedSignals.length).toBeGreaterThan(0)
    expect(changedSignals.every((c) => Object.keys(c).sort().join() === 'id,status')).toBe(true)
    for (const text of [JSON.stringify(completed), JSON.stringify(changedSignals), JSON.stringify(completedSignals)]) {
      expect(text).not.toContain('Jonas')
      expect(text).not.toContain('jonas.berg@example.com')
    }
    expect(notices.find((n) => n.id === `privacy-completed-${request.id}`)?.level).toBe('info')

    const saved = await call(core, 'privacy.saveResults', { id: request.id, folder, csv: true })
    expect(saved.problems).toEqual([])
    expect(saved.folder).toBe(join(folder, `gdpr-export-${request.id}`))
    expect(saved.files.map((f) => f.path.split('/').at(-1))).toEqual(['interactions.json', 'profile.json'])
    for (const file of saved.files) {
      const bytes = await readFile(file.path)
      expect(bytes.length).toBe(file.bytes)
      expect(sha256(bytes)).toBe(file.sha256)
      expect(() => JSON.parse(bytes.toString('utf8'))).not.toThrow()
    }
    const interactionsCsv = saved.files[0].csvPaths
    expect(interactionsCsv.map((p) => p.split('/').at(-1))).toEqual(['interactions.interactions.csv'])
    const csv = await readFile(interactionsCsv[0], 'utf8')
    expect(csv.split('\r\n')[0]).toContain('participant.name')
    // Each row carries its participant's address (a phone, or the e-mail address for e-mail): the Sandbox
    // picks the media per request id, so which of the two appear differs from run to run.
    const { interactions } = JSON.parse(await readFile(saved.files[0].path, 'utf8')) as {
      interactions: { participant: { address: string } }[]
    }
    for (const row of interactions) expect(csv).toContain(row.participant.address)
    expect(interactions.every((row) => ['+442079460777', 'jonas.berg@example.com'].includes(row.participant.address))).toBe(true)
    expect(saved.files[1].csvPaths.map((p) => p.split('/').at(-1))).toEqual(['profile.notes.csv'])

    // Saving again: the same bytes are recognised, nothing is duplicated.
    const again = await call(core, 'privacy.saveResults', { id: request.id, folder, csv: false })
    expect(again.files.map((f) => f.alreadySaved)).toEqual([true, true])
    expect((await readdir(saved.folder)).filter((f) => f.endsWith('.json'))).toHaveLength(2)
    expect((await call(core, 'privacy.list', {})).requests.find((r) => r.id === request.id)?.saved).toHaveLength(2)

    const audit = await auditText()
    const entries = audit
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { action: string; target: string; outcome: string; detail?: Record<string, unknown> })
    const mine = entries.filter((e) => e.target.endsWith(request.id))
    expect(mine.map((e) => e.action)).toEqual(
      expect.arrayContaining(['privacy.submit', 'privacy.status', 'privacy.completed', 'privacy.download']),
    )
    expect(mine.find((e) => e.action === 'privacy.submit')?.detail).toMatchObject({
      requestType: 'GDPR_EXPORT',
      identifierKinds: 'name,userId,phone,email',
    })
    expect(mine.filter((e) => e.action === 'privacy.status').at(-1)?.detail).toMatchObject({ to: 'COMPLETED' })
    expect(mine.filter((e) => e.action === 'privacy.download')).toHaveLength(4)
    expect(entries.find((e) => e.action === 'privacy.search')?.detail).toEqual({ searchType: 'EMAIL', matches: 1 })
    for (const value of ['Jonas', 'jonas.berg', '442079460777', JONAS.phoneNumbers[0]]) expect(audit).not.toContain(value)
    expect((await call(core, 'audit.verify', {})).ok).toBe(true)
  })
})

describe('a request that ends in ERROR', () => {
  it('stops tracking, says what to do, and says so as an error notice and audit entry', async () => {
    const { core } = session
    const notices: Notice[] = []
    core.on('notice', (n) => notices.push(n))
    const { request } = await call(core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject: IVAN })
    const done = await waitForRequest(core, request.id, isFinished)
    expect(done.status).toBe('ERROR')
    expect(done.tracking).toBe(false)
    expect(done.path.at(-1)).toBe('ERROR')
    expect(done.path).not.toContain('FINALIZING')
    expect(done.guidance?.hint).toContain(request.id)
    expect(done.guidance?.title).toMatch(/could not finish/)
    expect(notices.find((n) => n.id === `privacy-error-${request.id}`)?.level).toBe('error')
    await expect(call(core, 'privacy.saveResults', { id: request.id, folder: '', csv: false })).rejects.toMatchObject({ code: 'conflict' })
    const entries = (await auditText())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { action: string; target: string; outcome: string; detail?: Record<string, unknown> })
    expect(
      entries
        .filter((e) => e.action === 'privacy.status' && e.target === `gdpr/requests/${request.id}` && e.detail?.to === 'ERROR')
        .map((e) => e.outcome),
    ).toEqual(['error'])
  })
})

describe('checks before anything is sent', () => {
  const postsSoFar = () => session.sandbox.stats().byRoute['POST /api/v2/gdpr/requests'] ?? 0

  it('refuses phone numbers not in E.164, bad emails and a subject without identifiers, with one detail per problem', async () => {
    const before = postsSoFar()
    const error = (await call(session.core, 'privacy.submit', {
      requestType: 'GDPR_EXPORT',
      subject: { name: 'X', phoneNumbers: ['020 7946 0123'], emailAddresses: ['not-an-email'] },
    }).catch((e: unknown) => e)) as AppError
    expect(error.code).toBe('invalid_input')
    expect(error.details?.map((d) => d.fieldName)).toEqual(['subject.phoneNumbers.0', 'subject.emailAddresses.0'])
    const none = (await call(session.core, 'privacy.submit', { requestType: 'GDPR_EXPORT', subject: { name: 'Only A Name' } }).catch(
      (e: unknown) => e,
    )) as AppError
    expect(none.details?.map((d) => d.fieldName)).toEqual(['subject'])
    expect(postsSoFar()).toBe(before)
  })

  it('sends deleteConfirmed=true only after the typed confirmation matched the subject', async () => {
    const before = postsSoFar()
    const submitDelete = (confirmation?: string) =>
      call(session.core, 'privacy.submit', { requestType: 'GDPR_DELETE', subject: JONAS, confirmation })
    await expect(submitDelete()).rejects.toMatchObject({
      code: 'invalid_input',
      details: [expect.objectContaining({ fieldName: 'confirmation' })],
    })
    await expect(submitDelete('DELETE')).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('“Jonas Berg”') })
    // "exactly", as the dialog says: another case is refused too.
    await expect(submitDelete('jonas berg')).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('exactly') })
    expect(postsSoFar()).toBe(before)
    const { request } = await submitDelete(' Jonas Berg ')
    expect(postsSoFar()).toBe(before + 1)
    expect(request).toMatchObject({ requestType: 'GDPR_DELETE', path: ['INITIATED', 'SEARCHING', 'DELETING', 'FINALIZING', 'COMPLETED'] })
    expect((await sandboxRequest(session.sandbox, request.id)).stepMs).toBe(100)
  })
})

describe('the results folder', () => {
  it('uses the data folder by default, and refuses a missing folder, a file, and a relative path', async () => {
    const check = (f: string) => call(session.core, 'privacy.checkFolder', { folder: f })
    expect((await check('')).folder).toBe(join(session.dataDir, 'downloads', 'privacy'))
    expect((await check(folder)).folder).toBe(folder)
    await expect(check(join(folder, 'missing'))).rejects.toMatchObject({ code: 'file', message: expect.stringContaining('does not exist') })
    const file = join(folder, 'a-file.txt')
    await writeFile(file, 'x')
    await expect(check(file)).rejects.toMatchObject({ code: 'file', message: expect.stringContaining('not a folder') })
    await expect(check('relative/path')).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('not a full folder path'),
    })
  })
})

describe('requests made elsewhere', () => {
  it('appear after start, with their status, and the unfinished one is tracked', async () => {
    const list = await call(session.core, 'privacy.refreshFromOrg', {})
    expect(list.lastImport?.error).toBeUndefined()
    const elsewhere = list.requests.filter((r) => r.source === 'elsewhere' && r.createdBy === 'Priya Raman (Data Protection Officer)')
    expect(elsewhere.map((r) => [r.subjectName, r.status, r.tracking]).sort()).toEqual([
      ['Amelia Hart', 'COMPLETED', false],
      ['Bruno Costa', 'COMPLETED', false],
      ['Dana Whitfield', 'SEARCHING', true],
      ['Ivan Petrov', 'ERROR', false],
    ])
  })

  it('stay removed once removed from the list, across refreshes and restarts', async () => {
    const ivan = (await call(session.core, 'privacy.list', {})).requests.find(
      (r) => r.subjectName === 'Ivan Petrov' && r.source === 'elsewhere',
    )
    await call(session.core, 'privacy.forget', { id: ivan?.id ?? '' })
    expect((await call(session.core, 'privacy.refreshFromOrg', {})).requests.map((r) => r.id)).not.toContain(ivan?.id)
    const core = await session.restart()
    expect((await call(core, 'privacy.refreshFromOrg', {})).requests.map((r) => r.id)).not.toContain(ivan?.id)
  })
})
