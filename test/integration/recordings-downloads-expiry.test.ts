/**
 * An expired link renewed by asking the API again, on the sandbox's manual clock: the proxy in front of
 * the sandbox moves the clock a second on each batch poll (results appear) and two hours just before a
 * media request (its link expires in the sandbox's eyes). A new batch gives a fresh link; renewals are
 * bounded, after which the item fails with words for the admin.
 */
import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../src/main/sandbox'
import {
  addConversations,
  auditText,
  call,
  expectedSha256,
  isOver,
  sha256,
  startDownloadSession,
  waitForDownload,
  type DownloadSession,
} from './helpers/downloadSession'

let session: DownloadSession | undefined

afterEach(async () => {
  await session?.close()
  session = undefined
})

const BATCH_POST = 'POST /api/v2/recording/batchrequests'
const TWO_HOURS = 2 * 3600 * 1000

async function expiringSession(expireMediaRequests: (n: number) => boolean): Promise<DownloadSession> {
  const clock = manualClock(Date.parse('2026-03-02T10:00:00Z'))
  const s = await startDownloadSession({ proxy: true, clock })
  let media = 0
  s.proxy!.onRequest = (req) => {
    const path = (req.url ?? '').split('?')[0]
    if (req.method === 'GET' && path.startsWith('/api/v2/recording/batchrequests/')) clock.advance(1000)
    if (req.method === 'GET' && path.startsWith('/__media/') && expireMediaRequests(++media)) clock.advance(TWO_HOURS)
  }
  return s
}

describe('an expired download link', () => {
  it('is renewed through a new batch request and the file is saved and verified', { timeout: 60_000 }, async () => {
    session = await expiringSession((n) => n === 1)
    const [ref] = addConversations(session.sandbox, 1, 'expiry')
    const started = await call(session.core, 'recordings.downloads.start', { items: [ref], folder: session.folder })
    const done = await waitForDownload(session.core, started.id, isOver)
    expect(done.state).toBe('done')
    expect(sha256(await readFile(done.items[0].path!))).toBe(expectedSha256(session.sandbox, ref))
    expect(session.sandbox.stats().status['403']).toBe(1)
    expect(session.sandbox.stats().byRoute[BATCH_POST]).toBe(2)
    expect(done.batches.submitted).toBe(2)
    await call(session.core, 'audit.verify', {})
    const audit = await auditText(session.dataDir)
    expect(audit).toContain('"action":"recording.download.link.renewed"')
    expect(audit).toContain('Request has expired')
    expect(audit).not.toContain('X-Amz-Signature')
  })

  it('is renewed at most 3 times, then the item fails saying so', { timeout: 60_000 }, async () => {
    session = await expiringSession(() => true)
    const [ref] = addConversations(session.sandbox, 1, 'always-expired')
    const started = await call(session.core, 'recordings.downloads.start', { items: [ref], folder: session.folder })
    const done = await waitForDownload(session.core, started.id, isOver)
    expect(done.state).toBe('failed')
    expect(done.items[0].state).toBe('failed')
    expect(done.items[0].error?.message).toContain('refused again after 3 fresh links')
    expect(done.items[0].error?.hint).toMatch(/clock/)
    expect(session.sandbox.stats().byRoute[BATCH_POST]).toBe(4)
    expect(session.sandbox.stats().status['403']).toBe(4)
  })
})
