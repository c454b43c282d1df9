import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AtomicFileWriter } from '../../../src/main/core/audit/atomicFileWriter'
import { serializeAuditEntry } from '../../../src/main/core/audit/auditLine'
import { csvRowFromLine } from '../../../src/main/core/audit/csvFormat'
import { CsvRowWriter } from '../../../src/main/core/audit/csvRowWriter'
import { makeTempDir, removeDir } from './auditTestKit'

let dir: string
beforeEach(async () => {
  dir = await makeTempDir()
})
afterEach(async () => {
  await removeDir(dir)
})

const line = (seq: number) =>
  Buffer.from(
    serializeAuditEntry({
      seq,
      time: '2025-01-01T00:00:00.000Z',
      profile: 'Sandbox',
      org: 'Acme, Inc.',
      action: 'uploads.upload',
      target: `recording-${seq}.wav`,
      outcome: 'ok',
      detail: { n: seq },
      prev: '0'.repeat(64),
    }),
  )

describe('export writes behind the rows being made', () => {
  it('writes every batch in order, however many are under way, and hashes the file as written', async () => {
    const path = join(dir, 'out.bin')
    const writer = await AtomicFileWriter.create(path)
    const parts: Buffer[] = []
    const pending: Promise<void>[] = []
    await writer.write('header\n')
    parts.push(Buffer.from('header\n'))
    for (let i = 0; i < 40; i++) {
      const batch = Buffer.alloc(100_000 + i, 65 + (i % 26))
      parts.push(batch)
      pending.push(writer.writeBehind(batch))
    }
    await writer.write('tail\n')
    parts.push(Buffer.from('tail\n'))
    const sha256 = await writer.finish()
    await Promise.all(pending)
    const expected = Buffer.concat(parts)
    const written = await readFile(path)
    expect(written.equals(expected)).toBe(true)
    expect(sha256).toBe(createHash('sha256').update(expected).digest('hex'))
    expect(writer.bytes).toBe(expected.length)
  })

  it('a failed write fails finish(), and abort() leaves no file behind', async () => {
    const path = join(dir, 'out.bin')
    const writer = await AtomicFileWriter.create(path)
    await writer.abort()
    await expect(writer.writeBehind(Buffer.from('late'))).rejects.toThrow()
    expect(await readdir(dir)).toEqual([])
  })

  it('rows taken stay as they were while the next batch is made', () => {
    const rows = new CsvRowWriter()
    for (let seq = 1; seq <= 3; seq++) rows.add(line(seq), 0, line(seq).length)
    const first = rows.take()
    const firstText = first.toString()
    for (let seq = 4; seq <= 9; seq++) rows.add(line(seq), 0, line(seq).length)
    expect(first.toString()).toBe(firstText)
    const second = rows.take()
    const expectedRows = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, k) => csvRowFromLine(line(from + k), 0, line(from + k).length)).join('')
    expect(firstText).toBe(expectedRows(1, 3))
    expect(second.toString()).toBe(expectedRows(4, 9))
  })
})
