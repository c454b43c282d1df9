/**
 * Verify in worker threads and the main thread (core/audit/verify): on a clean log it gives the same
 * result as the line-by-line check without running it; on a damaged one the line-by-line check names the
 * break exactly as before, whoever checked the unit it is in. One 12,000-line log in 512 KiB segments
 * is written once and copied for each case.
 */
import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AuditVerifyResult } from '../../../src/shared/api'
import { openAuditLog } from '../../../src/main/core/audit'
import { ChainVerifier } from '../../../src/main/core/audit/chainVerifier'
import { planChain } from '../../../src/main/core/audit/verify/chainPlan'
import { checkUnit } from '../../../src/main/core/audit/verify/checkUnit'
import { workerCount, type ParallelOptions } from '../../../src/main/core/audit/verify/parallelChain'
import { readRangeLines } from '../../../src/main/core/audit/verify/rangeLines'
import { stitchChain } from '../../../src/main/core/audit/verify/stitchChain'
import type { ChainUnit } from '../../../src/main/core/audit/verify/verifyProtocol'
import { verifyWorkerLocation } from '../../../src/main/core/audit/verify/verifyWorkerLocation'
import { VerifyWorkers } from '../../../src/main/core/audit/verify/verifyWorkers'
import config from '../../../electron.vite.config'
import { makeTempDir, readLines, removeDir, sampleInput, steadyClock, writeLines } from './auditTestKit'

const ENTRIES = 12_000
const SEGMENT_BYTES = 512 * 1024
/** Small, odd-sized ranges, so many lines are cut in two by a range's end; every unit checked by a worker. */
const IN_WORKERS: ParallelOptions = { minBytes: 0, unitBytes: 100_003, workers: 2, mainThread: false }
/** The main thread alone (a busy machine), and beside one worker (two idle cores). */
const MAIN_THREAD: ParallelOptions = { minBytes: 0, unitBytes: 100_003, workers: 0 }
const TOGETHER: ParallelOptions = { minBytes: 0, unitBytes: 100_003, workers: 1 }
const LINE_BY_LINE: ParallelOptions = { minBytes: Infinity }

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

async function verifyWith(dir: string, verifyParallel: ParallelOptions, includeArchive = false): Promise<AuditVerifyResult> {
  const log = await openAuditLog({ dir, verifyParallel })
  try {
    return await log.verify({ includeArchive })
  } finally {
    await log.close()
  }
}

/** Both ways, and whether the line-by-line verifier had to run in the parallel one. */
async function verifyBothWays(dir: string, includeArchive = false, fast = IN_WORKERS) {
  const lineByLine = vi.spyOn(ChainVerifier.prototype, 'verdict')
  lineByLine.mockClear()
  const parallel = await verifyWith(dir, fast, includeArchive)
  const fellBack = lineByLine.mock.calls.length > 0
  const sequential = await verifyWith(dir, LINE_BY_LINE, includeArchive)
  return { parallel, sequential, fellBack }
}

function lineStarts(bytes: Buffer): number[] {
  const starts = [0]
  for (let nl = bytes.indexOf(10); nl >= 0 && nl + 1 < bytes.length; nl = bytes.indexOf(10, nl + 1)) starts.push(nl + 1)
  return starts
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
  it('a clean log verifies in the workers, the main thread or both, with the result of the line-by-line check', async () => {
    const dir = await copyOfLog()
    expect((await closedSegments(dir)).length).toBeGreaterThanOrEqual(4)
    for (const fast of [IN_WORKERS, MAIN_THREAD, TOGETHER]) {
      const { parallel, sequential, fellBack } = await verifyBothWays(dir, false, fast)
      expect(fellBack).toBe(false)
      expect(parallel.ok).toBe(true)
      expect(parallel.entries).toBeGreaterThanOrEqual(ENTRIES) // and the rotation entries
      expect(parallel).toEqual(sequential)
    }
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

describe('breaks inside and between ranges', () => {
  const WHO = [
    ['workers', IN_WORKERS],
    ['the main thread', MAIN_THREAD],
    ['the main thread and a worker', TOGETHER],
  ] as const

  it.each(WHO)('a line changed in the middle of a range (checked by %s) is named the same way', async (_, fast) => {
    const dir = await copyOfLog()
    const [, second] = await closedSegments(dir)
    const path = join(dir, second)
    const unit = fast.unitBytes ?? 0
    const inMiddle = (starts: number[]) => starts.findIndex((at) => at >= unit + unit / 2)
    const index = inMiddle(lineStarts(await readFile(path)))
    const seq = await editLine(path, index, (e) => (e.target = '/api/v2/somewhere/else'))
    const starts = lineStarts(await readFile(path))
    expect(starts[index]).toBeGreaterThan(unit)
    expect(starts[index + 1]).toBeLessThan(2 * unit) // the whole line inside the second range
    const { parallel, sequential, fellBack } = await verifyBothWays(dir, false, fast)
    expect(fellBack).toBe(true)
    expect(parallel).toEqual(sequential)
    expect(parallel.firstBad).toMatchObject({ line: index + 1, seq })
    expect(parallel.firstBad?.reason).toContain(`line ${index + 1} of ${second} (seq ${seq}) was changed`)
  })

  it('a line removed just before a range boundary: both ranges are intact alone, the join finds the break and it is named the same way', async () => {
    const dir = await copyOfLog()
    const [, second] = await closedSegments(dir)
    const path = join(dir, second)
    const lines = await readLines(path)
    const k = 300
    const removedSeq = (JSON.parse(lines[k]) as { seq: number }).seq
    await writeLines(path, [...lines.slice(0, k), ...lines.slice(k + 1)])
    // Ranges cut where the line after the removed one now starts.
    const boundary = Buffer.byteLength(lines.slice(0, k).join('\n') + '\n')
    const size = (await stat(path)).size
    const before = checkUnit({ kind: 'range', path, start: 0, end: boundary, fileEnd: size }, new Map())
    const after = checkUnit({ kind: 'range', path, start: boundary, end: 2 * boundary, fileEnd: size }, new Map())
    expect(before).toMatchObject({ lines: k, lastSeq: removedSeq - 1 })
    expect(after).toMatchObject({ firstSeq: removedSeq + 1 })
    expect(before.doubt).toBeUndefined()
    expect(after.doubt).toBeUndefined()

    for (const [, fast] of WHO) {
      const { parallel, sequential, fellBack } = await verifyBothWays(dir, false, { ...fast, unitBytes: boundary })
      expect(fellBack).toBe(true)
      expect(parallel).toEqual(sequential)
      expect(parallel.firstBad).toMatchObject({ line: k + 1, seq: removedSeq + 1 })
      expect(parallel.firstBad?.reason).toContain(`Entries are missing before line ${k + 1} of ${second}`)
      expect(parallel.firstBad?.reason).toContain(`seq ${removedSeq} is not in the log`)
    }
  })

  it('the join also holds the chain to the recorded head hashes and each file to the seq it starts with', async () => {
    const segments = (await closedSegments(pristine)).map((name) => ({
      name,
      path: join(pristine, name),
      firstSeq: Number(name.slice('audit.'.length, -'.jsonl'.length)),
      end: 0,
      active: false,
    }))
    const start = { seq: 0, hash: '0'.repeat(64) }
    const plan = await planChain(pristine, { segments, head: start, start }, [], 100_003)
    const units = plan.files.flatMap((f) => f.units)
    const summaries = units.map((u) => checkUnit(u, new Map()))
    const intact = stitchChain(plan, summaries, start, new Map())
    expect(intact).toMatchObject({ ok: true, entries: summaries.reduce((n, s) => n + s.lines, 0) })
    expect(stitchChain(plan, summaries, start, new Map([[(intact?.lastSeq ?? 0) + 1, 'f'.repeat(64)]]))).toBeUndefined()
    const moved = { ...plan, files: plan.files.map((f, i) => (i === 1 ? { ...f, firstSeq: f.firstSeq + 1 } : f)) }
    expect(stitchChain(moved, summaries, start, new Map())).toBeUndefined()
  })
})

describe('the main thread and its workers', () => {
  const DYING = `import { parentPort } from 'node:worker_threads'
parentPort.postMessage({ type: 'ready' })
parentPort.on('message', () => process.exit(3))`

  it('a worker that never starts, or dies holding units, leaves them to the main thread', async () => {
    const [first] = await closedSegments(pristine)
    const path = join(pristine, first)
    const size = (await stat(path)).size
    const units: ChainUnit[] = []
    for (let start = 0; start < size; start += 50_000)
      units.push({ kind: 'range', path, start, end: Math.min(size, start + 50_000), fileEnd: size })
    const expected = units.map((u) => checkUnit(u, new Map()))
    expect(expected.every((s) => s.doubt === undefined && s.lines > 0)).toBe(true)
    const locations = [
      { url: pathToFileURL(join(pristine, 'no-such-worker.mjs')) },
      { url: new URL(`data:text/javascript,${encodeURIComponent(DYING)}`) },
    ]
    for (const location of locations) {
      // Workers only: the main thread steps in because none is left.
      const pool = new VerifyWorkers(2, new Map(), { mainThread: false, location })
      try {
        expect(await pool.check(units)).toEqual(expected)
      } finally {
        await pool.stop()
      }
    }
  })

  it('workers only on idle cores, and only for a log big enough to pay for their start', () => {
    const big = 357 * 1024 * 1024
    expect(workerCount(big, {}, 2, 0.3)).toBe(1)
    // This process's own work counts about one in the load average: 1.5 leaves a core idle, 2.5 does not.
    expect(workerCount(big, {}, 2, 1.5)).toBe(1)
    expect(workerCount(big, {}, 2, 2.5)).toBe(0)
    expect(workerCount(big, {}, 2, 19)).toBe(0)
    expect(workerCount(big, {}, 8, 1)).toBe(3)
    expect(workerCount(big, {}, 1, 0)).toBe(0)
    expect(workerCount(16 * 1024 * 1024, {}, 8, 0)).toBe(0)
    expect(workerCount(16 * 1024 * 1024, { workers: 2 }, 8, 0)).toBe(2)
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
    expect(fromSources.execArgv).toEqual([]) // not the parent's --import tsx
  })
})
