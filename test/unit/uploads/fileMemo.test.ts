import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FileMemo } from '../../../src/main/core/uploads/fileMemo'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'filememo-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('FileMemo', () => {
  it('answers for the same file unchanged, and forgets it once it is rewritten, even with its size and mtime put back', async () => {
    const path = join(dir, 'call.wav')
    const takenAt = 1_780_000_000 // whole seconds, so putting the time back is exact
    await writeFile(path, 'first take')
    await utimes(path, takenAt, takenAt)
    const memo = new FileMemo<string>(10)
    const before = await stat(path)
    memo.set(path, before, 'reading of the first take')
    expect(memo.get(path, await stat(path))).toBe('reading of the first take')

    await writeFile(path, 'other take')
    await utimes(path, takenAt, takenAt)
    const after = await stat(path)
    expect(after.size).toBe(before.size)
    expect(after.mtimeMs).toBe(before.mtimeMs)
    expect(memo.get(path, after)).toBeUndefined()
  })

  it('keeps at most its capacity, dropping the oldest', async () => {
    const memo = new FileMemo<number>(2)
    const stats = await stat(dir)
    memo.set('/a', stats, 1)
    memo.set('/b', stats, 2)
    memo.set('/c', stats, 3)
    expect([memo.get('/a', stats), memo.get('/b', stats), memo.get('/c', stats)]).toEqual([undefined, 2, 3])
  })
})
