import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DuplicateIndex } from '../../../src/main/core/uploads/duplicates'

const SHA = 'a'.repeat(64)
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dupes-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const entry = (over: Partial<{ orgId: string; sha256: string; jobId: string }> = {}) => ({
  orgId: 'org-1',
  sha256: SHA,
  uploadKey: 'key-1',
  fileName: 'a.wav',
  jobId: 'job-1',
  uploadedAt: '2025-01-01T00:00:00.000Z',
  ...over,
})

describe('DuplicateIndex', () => {
  it('remembers uploads per org, across a restart, and sets a torn last line aside', async () => {
    const index = await DuplicateIndex.open(dir)
    await index.record(entry())
    await index.close()
    await appendFile(join(dir, 'uploaded.jsonl'), '{"orgId":"org-1","sha2') // a crash mid-write

    const reopened = await DuplicateIndex.open(dir)
    expect(reopened.find('org-1', SHA)?.uploadKey).toBe('key-1')
    expect(reopened.find('org-2', SHA)).toBeUndefined()
    expect((await readdir(dir)).some((name) => name.startsWith('uploaded.torn-'))).toBe(true)
    await reopened.record(entry({ sha256: 'b'.repeat(64), jobId: 'job-2' }))
    await reopened.close()
    expect((await DuplicateIndex.open(dir)).find('org-1', 'b'.repeat(64))?.jobId).toBe('job-2')
  })

  it('makes a second claim on the same content wait, then see the first upload', async () => {
    const index = await DuplicateIndex.open(dir)
    const first = await index.claim('org-1', SHA)
    expect(first.kind).toBe('claimed')
    let secondSettled = false
    const second = index.claim('org-1', SHA).then((c) => ((secondSettled = true), c))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(secondSettled).toBe(false)
    await index.record(entry())
    if (first.kind === 'claimed') first.release()
    expect(await second).toMatchObject({ kind: 'duplicate', previous: { jobId: 'job-1' } })
    await index.close()
  })

  it('lets the waiting claim go ahead when the first upload failed, and can be aborted', async () => {
    const index = await DuplicateIndex.open(dir)
    const first = await index.claim('org-1', SHA)
    const controller = new AbortController()
    const aborted = index.claim('org-1', SHA, controller.signal)
    const waiting = index.claim('org-1', SHA)
    controller.abort(new Error('cancelled'))
    await expect(aborted).rejects.toThrow('cancelled')
    if (first.kind === 'claimed') first.release()
    expect((await waiting).kind).toBe('claimed')
    await index.close()
  })
})
