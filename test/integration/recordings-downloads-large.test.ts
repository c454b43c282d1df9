/**
 * One large recording (40 MiB, many socket reads and disk writes, the disk flushed behind the writes)
 * through the downloads part: the file is the sandbox's bytes, its SHA-256 is the one computed while
 * writing, and the download's last signal, sent the moment its job finishes (not after the progress
 * throttle), says done with the exact byte count.
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import type { JobView } from '../../src/shared/api'
import type { DownloadView } from '../../src/shared/contract/recordings'
import {
  addConversations,
  call,
  expectedSha256,
  isOver,
  sha256,
  startDownloadSession,
  waitForDownload,
  type DownloadSession,
} from './helpers/downloadSession'

const BYTES = 40 * 1024 * 1024

let session: DownloadSession

beforeAll(async () => {
  session = await startDownloadSession()
})
afterAll(async () => {
  await session.close()
})

it('saves a 40 MiB recording byte for byte and announces its end at once, with every byte counted', { timeout: 60_000 }, async () => {
  const { core, sandbox, folder } = session
  const [ref] = addConversations(sandbox, 1, 'large', () => BYTES)
  const views: DownloadView[] = []
  const stopViews = core.on('recordings.download.changed', (view) => views.push(view))
  // The downloads part heard the job's end before this listener (it subscribed first): what it announced
  // for that end is already here when the job's final state arrives.
  let atJobEnd: DownloadView | undefined
  let downloadId: string | undefined
  const stopJobs = core.on('job.progress', (job: JobView) => {
    if (job.kind === 'recordings.download' && ['done', 'failed', 'cancelled'].includes(job.state))
      atJobEnd = views.filter((view) => view.id === downloadId).at(-1)
  })
  try {
    const started = await call(core, 'recordings.downloads.start', { items: [ref], folder, onExisting: 'ask' })
    downloadId = started.id
    const done = await waitForDownload(core, started.id, isOver)
    expect(done.state).toBe('done')
    await vi.waitFor(() => expect(atJobEnd).toBeDefined())
    expect(atJobEnd).toMatchObject({ state: 'done', bytes: BYTES, totalBytes: BYTES, counts: { saved: 1 } })

    const item = done.items[0]
    expect(item).toMatchObject({ state: 'saved', bytes: BYTES, sha256: expectedSha256(sandbox, ref) })
    const bytes = await readFile(join(folder, item.fileName!))
    expect(bytes.length).toBe(BYTES)
    expect(sha256(bytes)).toBe(item.sha256)
    expect((await readdir(folder)).filter((name) => name.startsWith('.'))).toEqual([])
  } finally {
    stopViews()
    stopJobs()
  }
})
