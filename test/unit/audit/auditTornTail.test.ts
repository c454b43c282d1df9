import { appendFile, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashLine, openAuditLog } from '../../../src/main/core/audit'
import { makeTempDir, openLogWith, readLines, removeDir, sampleInput } from './auditTestKit'

describe('torn last line after a crash', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  async function crashWithTail(tail: string): Promise<string[]> {
    const log = await openLogWith(dir, 5)
    await log.close()
    const good = await readLines(log.path)
    await appendFile(log.path, tail)
    return good
  }

  it('sets a line without newline aside in its own file and continues from the last good line', async () => {
    const torn = '{"seq":6,"time":"2025-01-01T09:00:06.000Z","profile":"sandbox","org":"Sand'
    const good = await crashWithTail(torn)

    const log = await openAuditLog({ dir })
    const report = log.startupReport.tornTail
    expect(report?.bytes).toBe(Buffer.byteLength(torn))
    expect(report?.path).toMatch(/audit\.torn-.*\.jsonl$/)
    expect(await readFile(report!.path, 'utf8')).toBe(torn)
    expect((await readdir(dir)).filter((n) => n.startsWith('audit.torn-'))).toHaveLength(1)

    // The chain before the tear is intact and continues: first the log records what it set aside.
    const recovery = (await log.tail(1))[0]
    expect(recovery).toMatchObject({ seq: 6, action: 'audit.tornTailSetAside', outcome: 'error', prev: hashLine(good[4]) })
    expect(recovery.detail).toEqual({ bytes: Buffer.byteLength(torn) })
    const next = log.append(sampleInput(7))
    expect(next.seq).toBe(7)

    const result = await log.verify()
    expect(result).toMatchObject({ ok: true, entries: 7, tornTail: report })
    await log.close()
    expect((await readLines(log.path)).slice(0, 5)).toEqual(good)
  })

  it('sets aside a newline-terminated last line that is garbage (zero-filled after a crash)', async () => {
    const garbage = '\0'.repeat(40) + '\n'
    await crashWithTail(garbage)
    const log = await openAuditLog({ dir })
    expect(log.startupReport.tornTail?.bytes).toBe(41)
    expect((await log.verify()).ok).toBe(true)
    await log.close()
  })

  it('a torn tail that was the whole file leaves an empty, valid log', async () => {
    await appendFile(join(dir, 'audit.jsonl'), '{"seq":1,"ti')
    const log = await openAuditLog({ dir })
    expect(log.startupReport.tornTail?.bytes).toBe(12)
    const [first] = await log.tail(1)
    expect(first).toMatchObject({ seq: 1, action: 'audit.tornTailSetAside' })
    expect((await log.verify()).ok).toBe(true)
    await log.close()
  })

  it('a clean log reports no torn tail and creates no extra file', async () => {
    const log = await openLogWith(dir, 3)
    await log.close()
    const again = await openAuditLog({ dir })
    expect(again.startupReport.tornTail).toBeUndefined()
    await again.close()
    expect((await readdir(dir)).sort()).toEqual(['audit.head.json', 'audit.jsonl', 'audit.key.json', 'audit.lock.holder', 'audit.runs'])
  })
})
