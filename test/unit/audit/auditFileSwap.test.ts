/**
 * The active audit file replaced, deleted or cut while the log has it open: entries must land in the
 * live file at the path (not in a deleted inode), the log must say what happened, and seq must never
 * be reused after a restart.
 */
import { readdir, readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openAuditLog, type AuditLog } from '../../../src/main/core/audit'
import type { AuditEntry } from '../../../src/shared/api'
import { makeTempDir, readLines, removeDir, sampleInput } from './auditTestKit'

async function entriesOnDisk(path: string): Promise<AuditEntry[]> {
  return (await readLines(path)).map((line) => JSON.parse(line) as AuditEntry)
}

function expectUniqueIncreasingSeqs(entries: AuditEntry[]): void {
  const seqs = entries.map((e) => e.seq)
  expect(new Set(seqs).size).toBe(seqs.length)
  expect([...seqs].sort((a, b) => a - b)).toEqual(seqs)
}

describe('the active audit file changed under the open log', () => {
  let dir: string
  let log: AuditLog
  beforeEach(async () => {
    dir = await makeTempDir()
    log = await openAuditLog({ dir, flushIntervalMs: 60_000 })
    for (let i = 1; i <= 5; i++) log.append(sampleInput(i))
    await log.flush()
  })
  afterEach(async () => {
    await log.close().catch(() => undefined)
    await removeDir(dir)
  })

  it('replaced by a rename: the foreign file is set aside, the log rebuilt at its path, the chain whole', async () => {
    const { ino: oldInode } = await stat(log.path)
    const foreign = join(dir, 'elsewhere.jsonl')
    await writeFile(foreign, 'not the audit log\n')
    await rename(foreign, log.path)
    for (let i = 6; i <= 8; i++) log.append(sampleInput(i))
    await log.flush()
    await log.flush()

    const live = await entriesOnDisk(log.path)
    expect(live.filter((e) => e.detail?.index !== undefined).map((e) => e.detail?.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    const marker = live.find((e) => e.action === 'audit.file.replaced')
    expect(marker).toMatchObject({ outcome: 'error', target: 'audit.jsonl', detail: { oldInode, foundBytes: 18 } })
    const setAside = (await readdir(dir)).find((name) => name.startsWith('audit.jsonl.replaced-'))
    expect(setAside).toBe(marker?.detail?.setAside)
    expect(await readFile(join(dir, setAside!), 'utf8')).toBe('not the audit log\n')
    expect(await log.verify()).toMatchObject({ ok: true })

    await log.close()
    log = await openAuditLog({ dir, flushIntervalMs: 60_000 })
    const next = log.append(sampleInput(9))
    expect(next.seq).toBe(Math.max(...live.map((e) => e.seq)) + 1)
    await log.flush()
    expectUniqueIncreasingSeqs(await entriesOnDisk(log.path))
    expect(await log.verify()).toMatchObject({ ok: true })
  })

  it('deleted: rebuilt at its path from what was written, and recorded', async () => {
    await rm(log.path)
    log.append(sampleInput(6))
    await log.flush()
    await log.flush()
    const live = await entriesOnDisk(log.path)
    expect(live.filter((e) => e.detail?.index !== undefined).map((e) => e.detail?.index)).toEqual([1, 2, 3, 4, 5, 6])
    expect(live.find((e) => e.action === 'audit.file.missing')).toMatchObject({ outcome: 'error' })
    expect(await log.verify()).toMatchObject({ ok: true })
  })

  it('truncated: later entries go to the live file after a marker, and seq is not reused after a restart', async () => {
    const before = await readLines(log.path)
    const keptBytes = Buffer.byteLength(before[0] + '\n' + before[1] + '\n')
    const expectedBytes = (await stat(log.path)).size
    await truncate(log.path, keptBytes)
    for (let i = 6; i <= 8; i++) log.append(sampleInput(i))
    await log.flush()
    await log.flush()

    const live = await entriesOnDisk(log.path)
    expect(live.filter((e) => e.detail?.index !== undefined).map((e) => e.detail?.index)).toEqual([1, 2, 6, 7, 8])
    expect(live.find((e) => e.action === 'audit.file.truncated')).toMatchObject({
      outcome: 'error',
      detail: { expectedBytes, foundBytes: keptBytes },
    })
    // The cut is not hidden: verify points at the gap.
    expect((await log.verify()).ok).toBe(false)

    await log.close()
    log = await openAuditLog({ dir, flushIntervalMs: 60_000 })
    const next = log.append(sampleInput(9))
    expect(next.seq).toBe(Math.max(...live.map((e) => e.seq)) + 1)
    await log.flush()
    expectUniqueIncreasingSeqs(await entriesOnDisk(log.path))
  })

  it('cut inside a line: the fragment is ended, so the next entry stays a whole line', async () => {
    const { size } = await stat(log.path)
    await truncate(log.path, size - 30)
    log.append(sampleInput(6))
    await log.flush()
    await log.flush()
    const lines = await readLines(log.path)
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line) as AuditEntry
      } catch {
        return undefined
      }
    })
    expect(parsed.filter((e) => e === undefined)).toHaveLength(1)
    expect(parsed.some((e) => e?.detail?.index === 6)).toBe(true)
    expect(parsed.some((e) => e?.action === 'audit.file.truncated')).toBe(true)
  })
})
