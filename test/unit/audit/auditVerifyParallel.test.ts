/**
 * Verify in worker threads (core/audit/verify): on a clean log it gives the same result as the line-by-line
 * check without running it; on a damaged one the line-by-line check names the break exactly as before.
 * One 12,000-line log in 512 KiB segments is written once and copied for each case.
 */
import { cp, readdir, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AuditVerifyResult } from '../../../src/shared/api'
import { openAuditLog } from '../../../src/main/core/audit'
import { ChainVerifier } from '../../../src/main/core/audit/chainVerifier'
import { readRangeLines } from '../../../src/main/core/audit/verify/rangeLines'
import { verifyWorkerLocation } from '../../../src/main/core/audit/verify/verifyWorkerLocation'
import config from '../../../electron.vite.config'
import { makeTempDir, readLines, removeDir, sampleInput, steadyClock, writeLines } from './auditTestKit'

const ENTRIES = 12_000
const SEGMENT_BYTES = 512 * 1024
/** Small, odd-sized ranges, so many lines are cut in two by a range's end. */
const IN_WORKERS = { minBytes: 0, unitBytes: 100_003, workers: 2 }
const LINE_BY_LINE = { minBytes: Infinity }

let pristine: string
const dirs: string[] = []

beforeAll(async () => {
  pristine = await makeTempDir()
  const log = await openAuditLog({ dir: pristine, now: steadyClock(), maxSegmentBytes: SEGMENT_BYTES, flushIntervalMs: 60_000 })
  for (let i = 1; i <= ENTRIES; i++) {
    log.append(sampleInput(i))
    if (i % 2000 === 0) await log.flush()
  }
  await log.close()
})

afterAll(() => removeDir(pristine))

afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(dirs.splice(0).map(removeDir))
})

async function copyOfLog(): Promise<string> {
  const dir = await makeTempDir()
  dirs.push(dir)
  await cp(pristine, dir, { recursive: true })
  return dir
}

async function closedSegments(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => /^audit\.\d{12}\.jsonl$/.test(n)).sort()
}

async function verifyWith(dir: string, verifyParallel: object, includeArchive = false): Promise<AuditVerifyResult> {
  const log = await openAuditLog({ dir, verifyParallel })
  try {
    return await log.verify({ includeArchive })
  } finally {
    await log.close()
  }
}

/** Both ways, and whether the line-by-line verifier had to run in the parallel one. */
async function verifyBothWays(dir: string, includeArchive = false) {
  const lineByLine = vi.spyOn(ChainVerifier.prototype, 'verdict')
  const parallel = await verifyWith(dir, IN_WORKERS, includeArchive)
  const fellBack = lineByLine.mock.calls.length > 0
  const sequential = await verifyWith(dir, LINE_BY_LINE, includeArchive)
  return { parallel, sequential, fellBack }
}

async function editLine(path: string, index: number, edit: (entry: Record<string, unknown>) => void): Promise<number> {
  const lines = await readLines(path)
  const entry = JSON.parse(lines[index]) as Record<string, unknown>
  edit(entry)
  lines[index] = JSON.stringify(entry)
  await writeLines(path, lines)
  return entry.seq as number
}

describe('verify in worker threads', () => {
  it('a clean log verifies in the workers alone, with the result of the line-by-line check', async () => {
    const dir = await copyOfLog()
    expect((await closedSegments(dir)).length).toBeGreaterThanOrEqual(4)
    const { parallel, sequential, fellBack } = await verifyBothWays(dir)
    expect(fellBack).toBe(false)
    expect(parallel.ok).toBe(true)
    expect(parallel.entries).toBeGreaterThanOrEqual(ENTRIES) // and the rotation entries
    expect(parallel).toEqual(sequential)
  })

  it('a line changed in the middle is named with the same seq and reason as line by line', async () => {
    const dir = await copyOfLog()
    const segments = await closedSegments(dir)
    const middle = segments[Math.floor(segments.length / 2)]
    const seq = await editLine(join(dir, middle), 1000, (e) => (e.target = '/api/v2/somewhere/else'))
    const { parallel, sequential, fellBack } = await verifyBothWays(dir)
    expect(fellBack).toBe(true)
    expect(parallel).toEqual(sequential)
    expect(parallel.ok).toBe(false)
    expect(parallel.firstBad).toMatchObject({ line: 1001, seq })
    expect(parallel.firstBad?.reason).toContain(`line 1001 of ${middle} (seq ${seq}) was changed`)
  })

  it('a break at a segment boundary is named the same way: the last line of one segment changed', async () => {
    const dir = await copyOfLog()
    const [, second] = await closedSegments(dir)
    const lines = await readLines(join(dir, second))
    const seq = await editLine(join(dir, second), lines.length - 1, (e) => (e.outcome = 'ok'))
    const { parallel, sequential } = await verifyBothWays(dir)
    expect(parallel).toEqual(sequential)
    expect(parallel.firstBad).toMatchObject({ line: lines.length, seq })
    expect(parallel.firstBad?.reason).toContain(`of ${second} (seq ${seq}) was changed`)
  })

  it('a break at a segment boundary is named the same way: the first line of the next one removed', async () => {
    const dir = await copyOfLog()
    const [, , third] = await closedSegments(dir)
    const lines = await readLines(join(dir, third))
    await writeLines(join(dir, third), lines.slice(1))
    const { parallel, sequential, fellBack } = await verifyBothWays(dir)
    expect(fellBack).toBe(true)
    expect(parallel).toEqual(sequential)
    expect(parallel.firstBad?.reason).toContain(`missing before line 1 of ${third}`)
  })

  it('a closed segment cut short (no newline at its end) is named the same way', async () => {
    const dir = await copyOfLog()
    const [first] = await closedSegments(dir)
    const text = await readFile(join(dir, first), 'utf8')
    await writeFile(join(dir, first), text.slice(0, -40))
    const { parallel, sequential } = await verifyBothWays(dir)
    expect(parallel).toEqual(sequential)
    expect(parallel.firstBad?.reason).toContain(`of ${first} is incomplete`)
  })

  it('archived segments are checked in the workers too, and a change inside one is named', async () => {
    const dir = await copyOfLog()
    const log = await openAuditLog({ dir, verifyParallel: IN_WORKERS })
    const archived = await log.archive({ keepClosedSegments: 1 })
    const before = await log.verify({ includeArchive: true })
    await log.close()
    expect(archived.length).toBeGreaterThanOrEqual(3)
    expect(before).toMatchObject({ ok: true })
    expect(before.entries).toBeGreaterThan(ENTRIES) // every archived line counted

    const clean = await verifyBothWays(dir, true)
    expect(clean.fellBack).toBe(false)
    expect(clean.parallel).toEqual(clean.sequential)

    const record = archived[1]
    const path = join(dir, 'archive', record.file)
    const lines = gunzipSync(await readFile(path))
      .toString('utf8')
      .trimEnd()
      .split('\n')
    const entry = JSON.parse(lines[500]) as Record<string, unknown>
    entry.org = 'Another Org'
    lines[500] = JSON.stringify(entry)
    await writeFile(path, gzipSync(lines.map((l) => l + '\n').join('')))
    const { parallel, sequential, fellBack } = await verifyBothWays(dir, true)
    expect(fellBack).toBe(true)
    expect(parallel).toEqual(sequential)
    expect(parallel.firstBad).toMatchObject({ line: 501, seq: entry.seq })
    expect(parallel.firstBad?.reason).toContain(`line 501 of archive/${record.file}`)
  })
})

describe('byte ranges of a segment', () => {
  it('cover every line exactly once, wherever the ranges are cut, and find the bytes after the last newline', async () => {
    const [first] = await closedSegments(pristine)
    const expected = (await readLines(join(pristine, first))).slice(0, 40)
    const dir = await copyOfLog()
    const path = join(dir, 'lines.jsonl')
    const text = expected.map((l) => l + '\n').join('') + 'torn'
    await writeFile(path, text)
    const size = Buffer.byteLength(text)
    for (const unit of [7, 97, 4096, size]) {
      const seen: string[] = []
      const rests: (number | undefined)[] = []
      for (let start = 0; start < size; start += unit) {
        const range = { start, end: Math.min(size, start + unit), fileEnd: size }
        rests.push(readRangeLines(path, range, (buf, s, e) => seen.push(buf.toString('utf8', s, e)) > 0))
      }
      expect(seen).toEqual(expected)
      expect(rests.filter((r) => r !== undefined)).toEqual([size - 4])
    }
  })
})

describe('the verify worker', () => {
  it('is its own entry of the main build, found beside the bundled core; from the sources it runs through tsx', () => {
    const main = (config as { main: { build: { rollupOptions: { input: Record<string, string> } } } }).main.build.rollupOptions
    const source = fileURLToPath(new URL('../../../src/main/core/audit/verify/verifyWorker.ts', import.meta.url))
    expect(main.input.verifyWorker).toBe(source)
    expect(verifyWorkerLocation('file:///app/out/main/index-1a2b3c.js')).toEqual({ url: new URL('file:///app/out/main/verifyWorker.js') })
    const fromSources = verifyWorkerLocation(new URL('../../../src/main/core/audit/verify/verifyWorkerLocation.ts', import.meta.url).href)
    expect(existsSync(fromSources.url)).toBe(true)
    expect(fromSources.argv).toEqual([pathToFileURL(source).href])
  })
})
