import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { hashLine, openAuditLog } from '../../../src/main/core/audit'
import { makeTempDir, readLines, removeDir, sampleInput } from './auditTestKit'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('audit log durability', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it('reaches the disk within a second without flush() being called', async () => {
    const log = await openAuditLog({ dir })
    // Only the flush timer runs on fake time; the file system stays real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    let entry: ReturnType<typeof log.append>
    try {
      entry = log.append(sampleInput(1))
      expect(await readFile(log.path, 'utf8')).toBe('')
      vi.advanceTimersByTime(1000)
    } finally {
      vi.useRealTimers()
    }
    // The head anchor is rewritten only after the fsync, so it shows that the sync ran.
    const lines = await vi.waitFor(
      async () => {
        const written = await readLines(log.path)
        expect(written).toHaveLength(1)
        const anchor = JSON.parse(await readFile(join(dir, 'audit.head.json'), 'utf8'))
        expect(anchor).toMatchObject({ seq: 1, hash: hashLine(written[0]) })
        return written
      },
      { timeout: 10_000, interval: 10 },
    )
    expect(JSON.parse(lines[0])).toEqual(entry)
    await log.close()
  })

  it('flush() writes and syncs at once', async () => {
    const log = await openAuditLog({ dir, flushIntervalMs: 60_000 })
    log.append(sampleInput(1))
    log.append(sampleInput(2))
    await log.flush()
    expect(await readLines(log.path)).toHaveLength(2)
    expect(JSON.parse(await readFile(join(dir, 'audit.head.json'), 'utf8')).seq).toBe(2)
    await log.close()
  })

  it('close() writes what is pending', async () => {
    const log = await openAuditLog({ dir, flushIntervalMs: 60_000 })
    for (let i = 1; i <= 10; i++) log.append(sampleInput(i))
    await log.close()
    expect(await readLines(log.path)).toHaveLength(10)
  })

  it('appends from many concurrent async callers keep their order and the chain', async () => {
    const log = await openAuditLog({ dir, flushIntervalMs: 5 })
    const returned: number[] = []
    const worker = async (w: number) => {
      for (let i = 0; i < 50; i++) {
        const e = log.append(sampleInput(i, { target: `worker-${w}/${i}` }))
        returned.push(e.seq)
        if (i % 7 === 0) await log.flush()
        else await sleep(Math.random() * 3)
      }
    }
    await Promise.all(Array.from({ length: 20 }, (_, w) => worker(w)))
    await log.flush()
    const lines = (await readLines(log.path)).map((l) => JSON.parse(l))
    expect(lines).toHaveLength(1000)
    expect(lines.map((e) => e.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1))
    expect([...returned].sort((a, b) => a - b)).toEqual(lines.map((e) => e.seq))
    // each worker's own entries are in the order it appended them
    for (let w = 0; w < 20; w++) {
      const mine = lines.filter((e) => e.target.startsWith(`worker-${w}/`)).map((e) => Number(e.target.split('/')[1]))
      expect(mine).toEqual(Array.from({ length: 50 }, (_, i) => i))
    }
    expect(await log.verify()).toMatchObject({ ok: true, entries: 1000 })
    await log.close()
  })

  it('handles multi-byte text and a large burst in one batch', async () => {
    const log = await openAuditLog({ dir, flushIntervalMs: 60_000 })
    for (let i = 0; i < 20_000; i++) log.append(sampleInput(i, { target: `Größe/日本語/${i}` }))
    await log.flush()
    expect(await log.verify()).toMatchObject({ ok: true, entries: 20_000 })
    expect((await log.tail(1))[0].target).toBe('Größe/日本語/19999')
    await log.close()
  })
})
