/**
 * Durability: the core closed while files are half written (a slow server that stops after half of each
 * body), then a new core on the same data folder. Every file ends complete and verified exactly once, no
 * batch is submitted twice (the journal names the batch; the new run reads it again), and the partial
 * files continue with Range. Pause, resume, cancel and retry through the same stalls.
 */
import { readFile, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DownloadView } from '../../src/shared/contract/recordings'
import {
  addConversations,
  auditText,
  call,
  expectedSha256,
  isOver,
  readManifest,
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
const SIZE = 256 * 1024

async function untilStalled(s: DownloadSession, count: number): Promise<void> {
  const until = Date.now() + 30_000
  while (Date.now() < until) {
    if (s.proxy!.stalled() >= count) {
      // What arrived is on disk under the part names.
      const parts = (await readdir(s.folder)).filter((n) => n.endsWith('.part'))
      const sizes = await Promise.all(parts.map(async (n) => (await stat(join(s.folder, n))).size))
      if (parts.length >= count && sizes.every((size) => size === SIZE / 2)) return
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`not ${count} stalled downloads in time (${s.proxy!.stalled()})`)
}

async function expectAllVerified(s: DownloadSession, done: DownloadView): Promise<void> {
  for (const item of done.items) {
    expect(item.state).toBe('saved')
    expect(sha256(await readFile(item.path!))).toBe(expectedSha256(s.sandbox, item))
  }
  expect((await readdir(s.folder)).filter((n) => n.endsWith('.part'))).toEqual([])
}

describe('a restart in the middle of downloads', () => {
  it(
    'continues every half-written file with Range, reads the same batch again, and saves each file once',
    { timeout: 90_000 },
    async () => {
      session = await startDownloadSession({ proxy: true })
      const refs = addConversations(session.sandbox, 12, 'restart', () => SIZE)
      session.proxy!.mode = 'stall'
      const started = await call(session.core, 'recordings.downloads.start', { items: refs, folder: session.folder })
      await untilStalled(session, 8)
      expect(session.sandbox.stats().byRoute[BATCH_POST]).toBe(1)

      session.proxy!.mode = 'pass'
      const seenBefore = session.proxy!.seen.length
      const lastBefore = (await call(session.core, 'recordings.downloads.list', {})).find((v) => v.id === started.id)!
      const core = await session.restart()
      const done = await waitForDownload(core, started.id, isOver)
      expect(done.state).toBe('done')
      // A screen that kept a view from before the restart takes the new core's views as newer.
      expect(done.revision).toBeGreaterThan(lastBefore.revision)
      await expectAllVerified(session, done)

      // No batch submitted twice: the new run read the journalled batch.
      expect(session.sandbox.stats().byRoute[BATCH_POST]).toBe(1)
      const after = session.proxy!.seen.slice(seenBefore)
      expect(after.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v2/recording/batchrequests/')).length).toBeGreaterThan(0)
      // The eight partial files (8 at once) continued from their half; the other four were fetched whole.
      const ranged = after.filter((r) => r.path.startsWith('/__media/') && r.range)
      expect(ranged.map((r) => r.range)).toEqual(Array(8).fill(`bytes=${SIZE / 2}-`))
      expect(after.filter((r) => r.path.startsWith('/__media/') && !r.range)).toHaveLength(4)

      await call(core, 'audit.verify', {})
      expect((await auditText(session.dataDir)).match(/"action":"recording\.download\.finished"/g)).toHaveLength(12)
      const manifest = await readManifest(done.manifestPath!)
      for (const row of manifest) expect(row.sha256).toBe(sha256(await readFile(join(session.folder, row.file))))
    },
  )
})

describe('a restart with another API client', () => {
  it('asks again in a new batch when the journalled batch is not readable by the new client (404)', { timeout: 60_000 }, async () => {
    session = await startDownloadSession({ proxy: true })
    const refs = addConversations(session.sandbox, 10, 'rotated', () => SIZE)
    session.proxy!.mode = 'stall'
    const started = await call(session.core, 'recordings.downloads.start', { items: refs, folder: session.folder })
    await untilStalled(session, 8)
    session.proxy!.mode = 'pass'
    const rotated = { id: 'rotated-client', secret: 'rotated-secret' }
    session.sandbox.setOptions({ client: rotated })
    const core = await session.restart(rotated)
    const done = await waitForDownload(core, started.id, isOver)
    expect(done.state).toBe('done')
    await expectAllVerified(session, done)
    expect(session.sandbox.stats().status['404']).toBeGreaterThanOrEqual(1)
    expect(session.sandbox.stats().byRoute[BATCH_POST]).toBe(2)
    expect(done.batches.submitted).toBe(2)
  })
})

describe('pause, resume, cancel and retry', () => {
  it('pauses with partial files kept, and resumes them with Range to verified files', { timeout: 60_000 }, async () => {
    session = await startDownloadSession({ proxy: true })
    const refs = addConversations(session.sandbox, 6, 'pause', () => SIZE)
    session.proxy!.mode = 'stall'
    const started = await call(session.core, 'recordings.downloads.start', { items: refs, folder: session.folder })
    await untilStalled(session, 6)
    const paused = await call(session.core, 'recordings.downloads.pause', { id: started.id })
    expect(paused.state).toBe('paused')
    expect((await readdir(session.folder)).filter((n) => n.endsWith('.part'))).toHaveLength(6)

    session.proxy!.mode = 'pass'
    const seenBefore = session.proxy!.seen.length
    const resumed = await call(session.core, 'recordings.downloads.resume', { id: started.id })
    expect(['queued', 'running']).toContain(resumed.state)
    const done = await waitForDownload(session.core, started.id, isOver)
    expect(done.state).toBe('done')
    await expectAllVerified(session, done)
    expect(session.proxy!.seen.slice(seenBefore).filter((r) => r.range)).toHaveLength(6)
    expect(session.sandbox.stats().byRoute[BATCH_POST]).toBe(1)
  })

  it('cancels: no part file and no final file of an unfinished item is left; retry then saves them all', { timeout: 60_000 }, async () => {
    session = await startDownloadSession({ proxy: true })
    const refs = addConversations(session.sandbox, 6, 'cancel', () => SIZE)
    session.proxy!.mode = 'stall'
    const started = await call(session.core, 'recordings.downloads.start', { items: refs, folder: session.folder })
    await untilStalled(session, 6)
    const cancelled = await call(session.core, 'recordings.downloads.cancel', { id: started.id })
    expect(cancelled.state).toBe('cancelled')
    expect(cancelled.items.every((i) => i.state === 'cancelled')).toBe(true)
    const left = (await readdir(session.folder)).filter((n) => !n.startsWith('manifest-'))
    expect(left).toEqual([])
    const manifest = await readManifest(cancelled.manifestPath!)
    expect(manifest.map((row) => row.state)).toEqual(Array(6).fill('cancelled'))

    session.proxy!.mode = 'pass'
    await call(session.core, 'recordings.downloads.retry', { id: started.id })
    const done = await waitForDownload(session.core, started.id, (v) => v.state === 'done')
    await expectAllVerified(session, done)
  })
})
