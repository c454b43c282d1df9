/**
 * The files themselves: an existing file is never replaced without the admin's choice (overwrite, skip,
 * rename, or ask with a decision for one item and then for all), and a write that fails (a folder where
 * the part file must go; a full disk on a tiny tmpfs where one can be mounted) fails that item with
 * words for the admin and leaves nothing half written under a final name.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DownloadItemRef, DownloadView } from '../../src/shared/contract/recordings'
import {
  addConversations,
  call,
  expectedSha256,
  isOver,
  readManifest,
  sha256,
  startDownloadSession,
  waitForDownload,
  type DownloadSession,
} from './helpers/downloadSession'

let session: DownloadSession
let refs: DownloadItemRef[]
const GARBAGE = Buffer.from('not the recording')

beforeAll(async () => {
  session = await startDownloadSession()
  refs = addConversations(session.sandbox, 4, 'existing')
})
afterAll(async () => {
  await session.close()
})

async function downloadInto(folder: string, onExisting: 'ask' | 'overwrite' | 'skip' | 'rename', items = refs) {
  const started = await call(session.core, 'recordings.downloads.start', { items, folder, onExisting })
  return started
}

/** A folder holding the 4 recordings as downloaded once, with the first one's bytes replaced. */
async function folderWithExisting(): Promise<{ folder: string; names: string[] }> {
  const folder = await mkdtemp(join(session.folder, 'existing-'))
  const first = await downloadInto(folder, 'ask')
  const done = await waitForDownload(session.core, first.id, isOver)
  expect(done.state).toBe('done')
  const names = done.items.map((i) => i.fileName!)
  await writeFile(join(folder, names[0]), GARBAGE)
  return { folder, names }
}

describe('files that already exist', () => {
  it('overwrite replaces them with the verified download', async () => {
    const { folder, names } = await folderWithExisting()
    const done = await waitForDownload(session.core, (await downloadInto(folder, 'overwrite')).id, isOver)
    expect(done.counts.saved).toBe(4)
    expect(sha256(await readFile(join(folder, names[0])))).toBe(expectedSha256(session.sandbox, refs[0]))
  })

  it('skip leaves them as they are and says so in the manifest', async () => {
    const { folder, names } = await folderWithExisting()
    const done = await waitForDownload(session.core, (await downloadInto(folder, 'skip')).id, isOver)
    expect(done.state).toBe('done')
    expect(done.counts).toMatchObject({ skipped: 4, saved: 0 })
    expect(await readFile(join(folder, names[0]))).toEqual(GARBAGE)
    const manifest = await readManifest(done.manifestPath!)
    expect(manifest.map((r) => r.state)).toEqual(Array(4).fill('skipped'))
    expect(manifest[0].reason).toContain('already existed')
  })

  it('rename saves beside them as "name (2).wav"', async () => {
    const { folder, names } = await folderWithExisting()
    const done = await waitForDownload(session.core, (await downloadInto(folder, 'rename')).id, isOver)
    expect(done.counts.saved).toBe(4)
    for (const [i, item] of done.items.entries()) {
      expect(item.fileName).toBe(names[i].replace(/\.wav$/, ' (2).wav'))
      expect(item.renamedFrom).toBe(names[i])
      expect(sha256(await readFile(join(folder, item.fileName!)))).toBe(expectedSha256(session.sandbox, refs[i]))
    }
    expect(await readFile(join(folder, names[0]))).toEqual(GARBAGE)
  })

  it('ask waits for a decision: one item skipped, then "overwrite" applied to all the others', async () => {
    const { folder, names } = await folderWithExisting()
    const signals: DownloadView[] = []
    const stop = session.core.on('recordings.download.changed', (view) => signals.push(view))
    const started = await downloadInto(folder, 'ask')
    const asking = await waitForDownload(session.core, started.id, (v) => v.counts.asking === 4)
    expect(asking.state).toBe('running')
    expect(asking.items[0].existingPath).toBe(join(folder, names[0]))
    // Nothing was touched while it asks.
    expect(await readFile(join(folder, names[0]))).toEqual(GARBAGE)

    const afterOne = await call(session.core, 'recordings.downloads.decide', {
      id: started.id,
      itemKeys: [asking.items[0].key],
      choice: 'skip',
    })
    expect(afterOne.items[0].state).toBe('skipped')
    expect(afterOne.counts.asking).toBe(3)
    const decided = await call(session.core, 'recordings.downloads.decide', { id: started.id, choice: 'overwrite' })
    const done = await waitForDownload(session.core, started.id, isOver)
    expect(done.state).toBe('done')
    // Views are numbered in the order they were made, answers and signals alike: the screen keeps the
    // highest, so the decision's answer (files still "requested") never replaces the later "done".
    await vi.waitFor(() => expect(signals.at(-1)?.state).toBe('done'))
    stop()
    const revisions = signals.filter((v) => v.id === started.id).map((v) => v.revision)
    expect(revisions).toEqual([...new Set(revisions)].sort((a, b) => a - b))
    expect(decided.revision).toBeGreaterThan(afterOne.revision)
    expect(signals.at(-1)!.revision).toBeGreaterThan(decided.revision)
    expect(done.revision).toBeGreaterThan(decided.revision)
    expect(done.counts).toMatchObject({ skipped: 1, saved: 3, asking: 0 })
    expect(await readFile(join(folder, names[0]))).toEqual(GARBAGE)
    for (let i = 1; i < 4; i++) expect(sha256(await readFile(join(folder, names[i])))).toBe(expectedSha256(session.sandbox, refs[i]))
    await expect(call(session.core, 'recordings.downloads.decide', { id: started.id, choice: 'skip' })).rejects.toMatchObject({
      code: 'conflict',
    })
  })
})

describe('a write that fails', () => {
  it('fails only that item when a folder sits where its part file must go, and leaves no final file', async () => {
    const folder = await mkdtemp(join(session.folder, 'blocked-'))
    const time = refs[1].startTime!.replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-')
    const blockedName = `${time}_${refs[1].conversationId}_${refs[1].recordingId}.wav`
    await mkdir(join(folder, `.${blockedName}.part`))
    const done = await waitForDownload(session.core, (await downloadInto(folder, 'ask')).id, isOver)
    expect(done.state).toBe('failed')
    expect(done.counts).toMatchObject({ saved: 3, failed: 1 })
    const failed = done.items[1]
    expect(failed.error).toMatchObject({ code: 'file' })
    expect(failed.error?.message).toContain('something else is in the way')
    expect(failed.error?.hint).toContain('Retry')
    const names = await readdir(folder)
    expect(names).not.toContain(blockedName)
    // The folder someone put there is theirs: left alone.
    expect((await stat(join(folder, `.${blockedName}.part`))).isDirectory()).toBe(true)
    expect(names.filter((n) => n.endsWith('.part') && n !== `.${blockedName}.part`)).toEqual([])
    const manifest = await readManifest(done.manifestPath!)
    expect(manifest[1]).toMatchObject({ state: 'failed', file: blockedName, sha256: '' })
  })

  it('fails the items a full disk refuses (ENOSPC on a 256 KiB tmpfs), removing their part files', { timeout: 60_000 }, async (ctx) => {
    const mountPoint = await mkdtemp(join(tmpdir(), 'switchboard-full-disk-'))
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint], { stdio: 'ignore' })
    } catch {
      await rm(mountPoint, { recursive: true, force: true })
      ctx.skip() // no tmpfs without root here; the folder-in-the-way test covers the clean-up
      return
    }
    try {
      const big = addConversations(session.sandbox, 4, 'full-disk', () => 100 * 1024)
      const done = await waitForDownload(session.core, (await downloadInto(mountPoint, 'ask', big)).id, isOver)
      expect(done.state).toBe('failed')
      const full = done.items.filter((i) => i.state === 'failed')
      expect(full.length).toBeGreaterThan(0)
      for (const item of full) {
        expect(item.error?.message).toMatch(/disk holding .* is full/)
        expect(item.error?.hint).toMatch(/Free some space/)
      }
      for (const item of done.items.filter((i) => i.state === 'saved'))
        expect(sha256(await readFile(item.path!))).toBe(expectedSha256(session.sandbox, item))
      const names = await readdir(mountPoint)
      expect(names.filter((n) => n.endsWith('.part'))).toEqual([])
      for (const item of full) expect(names).not.toContain(item.fileName)
    } finally {
      execFileSync('umount', [mountPoint], { stdio: 'ignore' })
      await rm(mountPoint, { recursive: true, force: true })
    }
  })
})
