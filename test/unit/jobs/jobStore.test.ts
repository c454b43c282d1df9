import { appendFile, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openJobStore } from '../../../src/main/core/jobs'
import { journalLines, makeJob, makeTempDir, removeDir } from './jobTestKit'

describe('job store', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it('keeps jobs, patches and removals across a reopen', async () => {
    const store = await openJobStore({ dir })
    await store.put(makeJob('a', { state: 'done' }))
    await store.put(makeJob('b', { state: 'paused' }))
    await store.put(makeJob('c'))
    await store.patch('a', { title: 'Renamed', checkpoint: { part: 3 }, progress: { doneBytes: 10, totalBytes: 20 } })
    await store.patch('b', { error: { name: 'AppError', code: 'network', message: 'down', hint: 'retry' } })
    await store.patch('b', { error: undefined })
    await store.remove('c')
    const before = store.list()
    await store.close()

    const again = await openJobStore({ dir })
    expect(again.list()).toEqual(before)
    expect(again.get('a')).toMatchObject({ title: 'Renamed', checkpoint: { part: 3 }, progress: { doneBytes: 10, totalBytes: 20 } })
    expect(again.get('b')).not.toHaveProperty('error')
    expect(again.get('c')).toBeUndefined()
    expect(again.startupReport).toEqual({ interrupted: [], replayedLines: 7, pruned: 0 })
    await again.close()
  })

  it('marks jobs that were queued or running as interrupted on open, and nothing else', async () => {
    const store = await openJobStore({ dir })
    await store.put(makeJob('running', { state: 'running' }))
    await store.put(makeJob('queued', { state: 'queued' }))
    await store.put(makeJob('paused', { state: 'paused' }))
    await store.put(makeJob('done', { state: 'done' }))
    await store.close()
    const again = await openJobStore({ dir })
    expect(Object.fromEntries(again.list().map((j) => [j.id, j.state]))).toEqual({
      running: 'interrupted',
      queued: 'interrupted',
      paused: 'paused',
      done: 'done',
    })
    expect(again.startupReport.interrupted.sort()).toEqual(['queued', 'running'])
    await again.close()
  })

  it('compacts the journal on open to one line per job', async () => {
    const store = await openJobStore({ dir })
    await store.put(makeJob('a'))
    await store.put(makeJob('b'))
    for (let i = 0; i < 200; i++) await store.patch('a', { progress: { doneBytes: i } }, { durable: i % 50 === 0 })
    await store.remove('b')
    await store.flush()
    expect((await journalLines(dir)).length).toBe(203)
    await store.close()

    const again = await openJobStore({ dir })
    const lines = await journalLines(dir)
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0])).toMatchObject({ op: 'put', job: { id: 'a', progress: { doneBytes: 199 } } })
    // The lock's holder note stays beside the journal (it names who holds the lock while a take waits).
    expect((await readdir(dir)).sort()).toEqual(['jobs.journal', 'jobs.lock.holder'])
    await again.close()
  })

  it('compact() while open keeps later changes', async () => {
    const store = await openJobStore({ dir })
    await store.put(makeJob('a'))
    for (let i = 0; i < 20; i++) await store.patch('a', { attempts: i })
    const compacting = store.compact()
    const patched = store.patch('a', { title: 'after' })
    await Promise.all([compacting, patched])
    await store.close()
    const again = await openJobStore({ dir })
    expect(again.get('a')).toMatchObject({ attempts: 19, title: 'after' })
    await again.close()
  })

  it('sets a torn last journal line aside, reports it, and keeps every complete line', async () => {
    const store = await openJobStore({ dir })
    await store.put(makeJob('a', { state: 'done' }))
    await store.patch('a', { title: 'kept' })
    await store.close()
    await appendFile(join(dir, 'jobs.journal'), '{"op":"patch","id":"a","at":"2025-01-01T00:00:0')

    const again = await openJobStore({ dir })
    expect(again.startupReport.tornTail?.bytes).toBe(47)
    expect(await readFile(again.startupReport.tornTail!.path, 'utf8')).toBe('{"op":"patch","id":"a","at":"2025-01-01T00:00:0')
    expect(again.get('a')).toMatchObject({ title: 'kept', state: 'done' })
    await again.close()
  })

  it('sets aside a torn line another process left while this one runs, before its next line', async () => {
    const store = await openJobStore({ dir })
    await store.put(makeJob('a', { state: 'done' }))
    // Another process (the command line) was killed in the middle of writing a line.
    const torn = '{"op":"patch","id":"a","at":"2025-01-01T00:00:0'
    await appendFile(join(dir, 'jobs.journal'), torn)
    await store.put(makeJob('b', { state: 'paused' }))
    const tornFiles = (await readdir(dir)).filter((name) => name.startsWith('jobs.torn-'))
    expect(tornFiles).toHaveLength(1)
    expect(await readFile(join(dir, tornFiles[0]), 'utf8')).toBe(torn)
    await store.close()

    const again = await openJobStore({ dir })
    expect(again.startupReport).toEqual({ interrupted: [], replayedLines: 2, pruned: 0 })
    expect(again.list().map((j) => j.id)).toEqual(['a', 'b'])
    await again.close()
  })

  it('reports damaged lines in the middle and keeps the original journal', async () => {
    const store = await openJobStore({ dir })
    await store.put(makeJob('a'))
    await store.close()
    await appendFile(join(dir, 'jobs.journal'), 'garbage\n' + JSON.stringify({ op: 'put', job: makeJob('b', { state: 'done' }) }) + '\n')
    const again = await openJobStore({ dir })
    expect(again.startupReport.damaged?.lines).toEqual([2])
    expect(await readFile(again.startupReport.damaged!.backupPath, 'utf8')).toContain('garbage')
    expect(again.get('b')).toMatchObject({ state: 'done' })
    await again.close()
  })

  it('refuses patches to unknown jobs with a not_found error', async () => {
    const store = await openJobStore({ dir })
    await expect(store.patch('nope', { title: 'x' })).rejects.toMatchObject({ code: 'not_found' })
    await store.close()
  })
})
