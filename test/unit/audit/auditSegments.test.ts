import { createReadStream } from 'node:fs'
import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip, gzipSync } from 'node:zlib'
import { Writable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashLine, openAuditLog, type AuditLog } from '../../../src/main/core/audit'
import { makeTempDir, readLines, removeDir, sampleInput, steadyClock, writeLines } from './auditTestKit'

const SEGMENT_BYTES = 8 * 1024

async function gunzipText(path: string): Promise<string> {
  const chunks: Buffer[] = []
  await pipeline(createReadStream(path), createGunzip(), new Writable({ write: (c, _e, done) => (chunks.push(c), done()) }))
  return Buffer.concat(chunks).toString('utf8')
}

async function segmentFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => /^audit\.\d{12}\.jsonl$/.test(n)).sort()
}

describe('rotation into segments', () => {
  let dir: string
  let log: AuditLog
  beforeEach(async () => {
    dir = await makeTempDir()
    log = await openAuditLog({ dir, now: steadyClock(), maxSegmentBytes: SEGMENT_BYTES, flushIntervalMs: 60_000 })
    for (let i = 1; i <= 300; i++) {
      log.append(sampleInput(i))
      if (i % 20 === 0) await log.flush()
    }
    await log.flush()
  })
  afterEach(async () => {
    await log.close()
    await removeDir(dir)
  })

  it('closes segments by size, named by their first seq, and the chain runs on across them', async () => {
    const names = await segmentFiles(dir)
    expect(names.length).toBeGreaterThanOrEqual(4)
    let previousLast: string | undefined
    let expectedSeq = 1
    for (const name of [...names, 'audit.jsonl']) {
      const lines = await readLines(join(dir, name))
      const first = JSON.parse(lines[0])
      if (name !== 'audit.jsonl') expect(name).toBe(`audit.${String(first.seq).padStart(12, '0')}.jsonl`)
      expect(first.seq).toBe(expectedSeq)
      if (previousLast) expect(first.prev).toBe(hashLine(previousLast))
      previousLast = lines.at(-1)
      expectedSeq = JSON.parse(previousLast!).seq + 1
    }
    // each new active file starts by recording the rotation
    const second = await readLines(join(dir, names[1]))
    expect(JSON.parse(second[0])).toMatchObject({ action: 'audit.rotate', target: names[0] })
    expect(await log.verify()).toMatchObject({ ok: true, entries: expectedSeq - 1 })
  })

  it('verify names the file and line of a change in an older segment', async () => {
    const names = await segmentFiles(dir)
    const path = join(dir, names[1])
    const lines = await readLines(path)
    const entry = JSON.parse(lines[4])
    entry.outcome = 'ok' === entry.outcome ? 'error' : 'ok'
    lines[4] = JSON.stringify(entry)
    await writeLines(path, lines)
    const result = await log.verify()
    expect(result.firstBad).toMatchObject({ line: 5, seq: entry.seq })
    expect(result.firstBad?.reason).toContain(`line 5 of ${names[1]}`)
  })

  it('verify finds lines moved between segments, and a removed segment', async () => {
    const names = await segmentFiles(dir)
    const a = await readLines(join(dir, names[0]))
    const b = await readLines(join(dir, names[1]))
    await writeLines(join(dir, names[0]), a.slice(0, -1))
    await writeLines(join(dir, names[1]), [a.at(-1)!, ...b])
    // The order of lines is unchanged, but the second file no longer starts where its name says.
    expect((await log.verify()).firstBad).toMatchObject({
      line: 1,
      reason: expect.stringMatching(/should start at seq .*moved between segment files/),
    })

    await writeLines(join(dir, names[0]), a)
    await writeLines(join(dir, names[1]), b)
    expect((await log.verify()).ok).toBe(true)
    await rm(join(dir, names[2]))
    const gap = await log.verify()
    expect(gap.firstBad).toMatchObject({ line: 1, seq: JSON.parse((await readLines(join(dir, names[3])))[0]).seq })
    expect(gap.firstBad?.reason).toMatch(new RegExp(`missing before line 1 of ${names[3].replace(/\./g, '\\.')}`))
  })

  it('rotate() closes the active file on demand; tail and query read across segments', async () => {
    const before = await segmentFiles(dir)
    await log.rotate()
    expect((await segmentFiles(dir)).length).toBe(before.length + 1)
    const tail = await log.tail(400)
    expect(tail.map((e) => e.seq)).toEqual(Array.from({ length: tail.length }, (_, i) => tail[0].seq - i))
    const page = await log.query({ filter: { action: 'api.GET' }, limit: 500 })
    expect(page.total).toBe(150)
  })
})

describe('archiving old segments', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  async function logWithSegments(): Promise<AuditLog> {
    const log = await openAuditLog({ dir, now: steadyClock(), maxSegmentBytes: SEGMENT_BYTES, flushIntervalMs: 60_000 })
    for (let i = 1; i <= 300; i++) {
      log.append(sampleInput(i))
      if (i % 20 === 0) await log.flush()
    }
    await log.flush()
    return log
  }

  it('moves old segments into archive/ as gzip, and the live chain still verifies from the archive', async () => {
    const log = await logWithSegments()
    const names = await segmentFiles(dir)
    const originals = await Promise.all(names.slice(0, -2).map((n) => readFile(join(dir, n), 'utf8')))
    const archived = await log.archive({ keepClosedSegments: 2 })
    expect(archived.map((a) => a.name)).toEqual(names.slice(0, -2))
    expect(await segmentFiles(dir)).toEqual(names.slice(-2))
    for (const [i, record] of archived.entries()) {
      expect(await gunzipText(join(dir, 'archive', record.file))).toBe(originals[i])
      const lines = originals[i].trim().split('\n')
      expect(record).toMatchObject({ lines: lines.length, lastSeq: JSON.parse(lines.at(-1)!).seq, lastHash: hashLine(lines.at(-1)!) })
    }
    expect(await log.verify()).toMatchObject({ ok: true })
    expect(await log.verify({ includeArchive: true })).toMatchObject({ ok: true })
    const segments = await log.segments()
    expect(segments.filter((s) => s.state === 'archived')).toHaveLength(archived.length)
    expect((await log.tail(1))[0]).toMatchObject({ action: 'audit.archive', detail: { segments: archived.length } })
    // queries see the archived segments too, each entry marked with its archive
    const page = await log.query({ limit: 1000 })
    expect(page.entries.at(-1)!.seq).toBe(1)
    const fromArchive = page.entries.filter((e) => e.seq <= archived.at(-1)!.lastSeq)
    expect(fromArchive.length).toBeGreaterThan(0)
    for (const e of fromArchive) expect(e.archive).toBe(archived.find((a) => a.firstSeq <= e.seq && e.seq <= a.lastSeq)!.file)
    expect(page.entries.filter((e) => e.seq > archived.at(-1)!.lastSeq).every((e) => e.archive === undefined)).toBe(true)
    await log.close()

    // after a restart the chain continues from the archive
    const again = await openAuditLog({ dir })
    expect(again.startupReport).toEqual({})
    expect(await again.verify({ includeArchive: true })).toMatchObject({ ok: true })
    await again.close()
  })

  it('a changed archived segment is found when the archive is verified too', async () => {
    const log = await logWithSegments()
    const [first] = await log.archive({ keepClosedSegments: 1 })
    const path = join(dir, 'archive', first.file)
    const lines = (await gunzipText(path)).trim().split('\n')
    const entry = JSON.parse(lines[2])
    entry.target = '/somewhere/else'
    lines[2] = JSON.stringify(entry)
    await writeFile(path, gzipSync(lines.map((l) => l + '\n').join('')))
    expect((await log.verify()).ok).toBe(true) // the live chain alone is intact
    const full = await log.verify({ includeArchive: true })
    expect(full.firstBad).toMatchObject({ line: 3, seq: entry.seq })
    expect(full.firstBad?.reason).toContain(`line 3 of archive/${first.file}`)
    await log.close()
  })

  it('a live segment whose link to the archive is broken is named', async () => {
    const log = await logWithSegments()
    await log.archive({ keepClosedSegments: 1 })
    const [firstLive] = await segmentFiles(dir)
    const lines = await readLines(join(dir, firstLive))
    await writeLines(join(dir, firstLive), lines.slice(1))
    expect((await log.verify()).firstBad?.reason).toMatch(new RegExp(`missing before line 1 of ${firstLive.replace(/\./g, '\\.')}`))
    await log.close()
  })

  it('finishes an archive interrupted after it was recorded (the live copy is removed at start)', async () => {
    const log = await logWithSegments()
    const [first] = await segmentFiles(dir)
    const copy = join(dir, 'copy')
    await copyFile(join(dir, first), copy)
    await log.archive({ keepClosedSegments: 3 })
    await log.close()
    await copyFile(copy, join(dir, first)) // as if the crash came before the delete
    await rm(copy)
    const again = await openAuditLog({ dir })
    expect(await segmentFiles(dir)).not.toContain(first)
    expect(await again.verify({ includeArchive: true })).toMatchObject({ ok: true })
    await again.close()
  })
})
