import { readdir, truncate, stat, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openAuditLog, type AuditLog } from '../../../src/main/core/audit'
import { makeTempDir, openLogWith, readLines, removeDir, writeLines } from './auditTestKit'

/** Changes one field of a line, keeping it valid JSON (so only the hash chain can tell). */
function editLine(line: string): string {
  const entry = JSON.parse(line)
  entry.target = entry.target + '-edited'
  return JSON.stringify(entry)
}

describe('verify names the first bad line', () => {
  let dir: string
  let log: AuditLog
  beforeEach(async () => {
    dir = await makeTempDir()
    log = await openLogWith(dir, 20)
  })
  afterEach(async () => {
    await log.close()
    await removeDir(dir)
  })

  async function tamper(change: (lines: string[]) => string[]): Promise<void> {
    const lines = await readLines(log.path)
    await writeLines(log.path, change(lines))
  }

  it('a changed line', async () => {
    await tamper((lines) => lines.map((l, i) => (i === 6 ? editLine(l) : l)))
    const result = await log.verify()
    expect(result.ok).toBe(false)
    expect(result.firstBad).toMatchObject({ line: 7, seq: 7 })
    expect(result.firstBad?.reason).toMatch(/line 7 of audit\.jsonl \(seq 7\) was changed/)
    expect(result.entries).toBe(6)
  })

  it('a changed first line', async () => {
    await tamper((lines) => lines.map((l, i) => (i === 0 ? editLine(l) : l)))
    expect((await log.verify()).firstBad).toMatchObject({ line: 1, seq: 1, reason: expect.stringMatching(/was changed/) })
  })

  it('a changed last line (caught by the head hash)', async () => {
    await tamper((lines) => lines.map((l, i) => (i === 19 ? editLine(l) : l)))
    expect((await log.verify()).firstBad).toMatchObject({ line: 20, seq: 20, reason: expect.stringMatching(/was changed/) })
  })

  it('a changed seq', async () => {
    await tamper((lines) => lines.map((l, i) => (i === 9 ? l.replace('"seq":10,', '"seq":11,') : l)))
    const result = await log.verify()
    expect(result.firstBad).toMatchObject({ line: 10, seq: 11 })
    expect(result.firstBad?.reason).toMatch(/line 10 of audit\.jsonl was changed: .*seq 11 instead of 10/)
  })

  it('a removed line', async () => {
    await tamper((lines) => lines.filter((_, i) => i !== 11))
    const result = await log.verify()
    expect(result.firstBad).toMatchObject({ line: 12, seq: 13 })
    expect(result.firstBad?.reason).toMatch(/missing before line 12 .*seq 12 is not in the log.*removed/)
  })

  it('several removed lines', async () => {
    await tamper((lines) => lines.filter((_, i) => i < 4 || i > 8))
    expect((await log.verify()).firstBad?.reason).toMatch(/seq 5 to 9 are not in the log/)
  })

  it('two lines reordered', async () => {
    await tamper((lines) => {
      const copy = [...lines]
      ;[copy[4], copy[5]] = [copy[5], copy[4]]
      return copy
    })
    const result = await log.verify()
    expect(result.firstBad).toMatchObject({ line: 5, seq: 6 })
    expect(result.firstBad?.reason).toMatch(/out of order.*seq 5 .*line 6 of audit\.jsonl.*reordered/)
  })

  it('an inserted copy of a line', async () => {
    await tamper((lines) => [...lines.slice(0, 8), lines[7], ...lines.slice(8)])
    const result = await log.verify()
    expect(result.firstBad).toMatchObject({ line: 9, seq: 8 })
    expect(result.firstBad?.reason).toMatch(/copy of line 8.*inserted/)
  })

  it('an inserted forged line that links to its predecessor', async () => {
    await tamper((lines) => {
      const forged = JSON.parse(lines[2])
      forged.seq = 4
      forged.prev = JSON.parse(lines[3]).prev
      forged.target = '/forged'
      return [...lines.slice(0, 3), JSON.stringify(forged), ...lines.slice(3)]
    })
    const result = await log.verify()
    expect(result.firstBad).toMatchObject({ line: 4, seq: 4 })
    expect(result.firstBad?.reason).toMatch(/line 4 of audit\.jsonl \(seq 4\) was inserted/)
  })

  it('an inserted line that is not an entry', async () => {
    await tamper((lines) => [...lines.slice(0, 3), 'hello', ...lines.slice(3)])
    expect((await log.verify()).firstBad).toMatchObject({ line: 4, reason: expect.stringMatching(/not a well-formed audit entry/) })
  })

  it('the file truncated in the middle of a line', async () => {
    const { size } = await stat(log.path)
    await truncate(log.path, size - 30)
    const result = await log.verify()
    expect(result.firstBad).toMatchObject({ line: 20 })
    expect(result.firstBad?.reason).toMatch(/line 20 of audit\.jsonl is incomplete/)
  })

  it('the last lines cut off cleanly (caught by the head hash)', async () => {
    await tamper((lines) => lines.slice(0, 15))
    const result = await log.verify()
    expect(result.firstBad).toMatchObject({ line: 16, seq: 16 })
    expect(result.firstBad?.reason).toMatch(/missing after line 15 of audit\.jsonl \(seq 15\).*cut short.*seq 20/)
  })
})

describe('tampering found at start-up', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it('a log cut short while Switchboard was closed is reported and recorded in the log', async () => {
    const first = await openLogWith(dir, 10)
    await first.close()
    const lines = await readLines(first.path)
    await writeLines(first.path, lines.slice(0, 7))

    const log = await openAuditLog({ dir })
    expect(log.startupReport.integrity).toMatchObject({ line: 8, seq: 8 })
    const result = await log.verify()
    expect(result.ok).toBe(false)
    expect(result.firstBad?.reason).toMatch(/missing after line 7.*seq 10 had been written/)
    const [recorded] = await log.tail(1)
    expect(recorded).toMatchObject({ seq: 8, action: 'audit.integrityProblem', outcome: 'error' })
    await log.close()
  })

  it('a last line edited while Switchboard was closed is reported', async () => {
    const first = await openLogWith(dir, 10)
    await first.close()
    const lines = await readLines(first.path)
    lines[9] = editLine(lines[9])
    await writeLines(first.path, lines)

    const log = await openAuditLog({ dir })
    expect((await log.verify()).firstBad).toMatchObject({ line: 10, seq: 10, reason: expect.stringMatching(/was changed/) })
    await log.close()
  })

  it('an edit in the middle while closed is found by verify after reopening', async () => {
    const first = await openLogWith(dir, 10)
    await first.close()
    const lines = await readLines(first.path)
    lines[3] = editLine(lines[3])
    await writeLines(first.path, lines)

    const log = await openAuditLog({ dir })
    expect(log.startupReport).toEqual({})
    expect((await log.verify()).firstBad).toMatchObject({ line: 4, seq: 4 })
    await log.close()
  })

  it('a missing head anchor is reported, not ignored', async () => {
    const first = await openLogWith(dir, 3)
    await first.close()
    const { rm } = await import('node:fs/promises')
    await rm(join(dir, 'audit.head.json'))
    const log = await openAuditLog({ dir })
    expect(log.startupReport.anchorProblem).toMatch(/head anchor .* is missing/)
    expect((await log.tail(1))[0]).toMatchObject({ action: 'audit.anchorProblem' })
    await log.close()
    expect((await readdir(dir)).sort()).toEqual(['audit.head.json', 'audit.jsonl', 'audit.key.json', 'audit.lock.holder', 'audit.runs'])
    expect(await readFile(join(dir, 'audit.head.json'), 'utf8')).toMatch(/"seq":4/)
  })
})
