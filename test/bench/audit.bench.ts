/**
 * Audit log viewer benchmarks (issue 6) on a 1,000,000-entry log (~270 MB in 64 MiB segments), each
 * beside its anchor on the same files in the same run:
 *   audit-filter-first-page  the first 100 matches of a filter, newest first, on a freshly opened log
 *                        vs `tac | jq -c 'select(...)' | head -n 100`
 *   audit-filter         filter by action and free text (first page, then all matches counted)  vs `jq -c 'select(...)'`
 *   audit-export-csv     CSV export of every entry  vs `jq -r '[...] | @csv'`
 *   audit-verify         the whole hash chain verified (main thread, workers on idle cores)  vs `sha256sum` of every segment file
 *   audit-scroll-memory  the core's RSS growth while paging through the whole log as the viewer does
 * The log is generated once through the real openAuditLog under .bench/audit-1m and reused. Exports
 * append one `audit.export` line to it per run, as they would in the app.
 */
import { mkdir, readdir, rm, stat, writeFile, readFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { openAuditLog, type AuditLog } from '../../src/main/core/audit'
import { workerCount } from '../../src/main/core/audit/verify/parallelChain'
import { median, medianSeconds, peakRssGrowthMiB, round, sh, type Benchmark } from './harness'

const BENCH_DIR = join(process.cwd(), '.bench')
const LOG_DIR = join(BENCH_DIR, 'audit-1m')
const MARKER = join(BENCH_DIR, 'audit-1m.json')
const ENTRIES = 1_000_000
const GENERATOR_VERSION = 1
const RUNS = 3

const ACTIONS = [
  'api.call',
  'uploads.upload',
  'uploads.verify',
  'recordings.download',
  'privacy.request',
  'flows.archive',
  'schemas.update',
  'connection.test',
]
const ORGS = ['Sandbox Org', 'Acme Contact Centre', 'Globex Support']
const OUTCOMES = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'error', 'retry', 'ok', 'skipped'] as const

const FILTER = { action: 'uploads.upload', text: 'acme' }
const JQ_FILTER = `select(.action == "uploads.upload" and (tostring | test("acme"; "i")))`
const JQ_CSV = '[.seq,.time,.profile,.org,.action,.target,.outcome,.latencyMs,.correlationId] | @csv'

/** The generated log, made once (about a minute) and reused while the generator stays the same. */
async function benchLog(): Promise<string> {
  const marker = await readFile(MARKER, 'utf8').then(
    (t) => JSON.parse(t) as { entries: number; version: number },
    () => undefined,
  )
  if (marker?.entries === ENTRIES && marker.version === GENERATOR_VERSION) return LOG_DIR
  await rm(LOG_DIR, { recursive: true, force: true })
  await mkdir(LOG_DIR, { recursive: true })
  let t = Date.UTC(2025, 0, 1)
  const log = await openAuditLog({ dir: LOG_DIR, now: () => new Date((t += 2000)), flushIntervalMs: 60_000 })
  for (let i = 0; i < ENTRIES; i++) {
    const action = ACTIONS[i % ACTIONS.length]
    log.append({
      profile: i % 3 ? 'Production EU' : 'Sandbox',
      org: ORGS[i % 3],
      action,
      target: action === 'api.call' ? `GET /api/v2/recording/recordings/${(i * 7919) % 100000}` : `recording-${i}.wav`,
      outcome: OUTCOMES[i % 10],
      latencyMs: (i * 37) % 2000,
      correlationId: `c0ffee00-${String(i).padStart(8, '0')}-4000-8000-000000000000`,
      detail: { status: i % 10 === 7 ? 429 : 200, attempt: 1, bytes: i * 13 },
    })
    if (i % 100_000 === 99_999) await log.flush()
  }
  await log.close()
  await writeFile(MARKER, JSON.stringify({ entries: ENTRIES, version: GENERATOR_VERSION }))
  return LOG_DIR
}

/** Closed segments oldest first, then the active file: the order the chain runs in. */
async function segmentFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => /^audit\.(\d{12}\.)?jsonl$/.test(n))
  return names.sort((a, b) => (a === 'audit.jsonl' ? 1 : b === 'audit.jsonl' ? -1 : a.localeCompare(b))).map((n) => join(dir, n))
}

const quote = (paths: string[]) => paths.map((p) => `'${p}'`).join(' ')

async function withLog<T>(fn: (log: AuditLog) => Promise<T>): Promise<T> {
  const log = await openAuditLog({ dir: await benchLog() })
  try {
    return await fn(log)
  } finally {
    await log.close()
  }
}

async function milliseconds(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - started) / 1e6
}

/** Segment files newest first, for reading the log from its end. */
const newestFirst = (files: string[]) => quote([...files].reverse())

const firstPage: Benchmark = {
  name: 'audit-filter-first-page',
  about: 'first 100 matches of a filter, newest first, on a freshly opened 1M-entry log vs tac | jq select | head -n 100',
  async run() {
    const dir = await benchLog()
    const files = await segmentFiles(dir)
    const opens: number[] = []
    const queries: number[] = []
    const unfiltered: number[] = []
    for (let i = 0; i < RUNS; i++) {
      let log: AuditLog | undefined
      opens.push(await milliseconds(async () => (log = await openAuditLog({ dir }))))
      queries.push(
        await milliseconds(async () => {
          const page = await log!.query({ filter: FILTER, offset: 0, limit: 100 })
          if (page.entries.length !== 100) throw new Error(`first page had ${page.entries.length} entries`)
          if (page.entries.some((e, k) => k > 0 && e.seq >= page.entries[k - 1].seq)) throw new Error('first page not newest first')
        }),
      )
      await log!.close()
      log = await openAuditLog({ dir })
      unfiltered.push(await milliseconds(() => log!.query({ offset: 0, limit: 100 })))
      await log.close()
    }
    const anchors: number[] = []
    for (let i = 0; i < RUNS; i++)
      anchors.push(await milliseconds(() => sh(`tac ${newestFirst(files)} | jq -c '${JQ_FILTER}' | head -n 100 > /dev/null`)))
    const anchor = median(anchors)
    const ours = median(queries)
    return {
      ours: round(ours, 1),
      anchor: round(anchor, 1),
      unit: 'ms',
      anchor_cmd: `tac <segments> | jq -c '${JQ_FILTER}' | head -n 100`,
      ratio: round(ours / anchor, 3),
      goal: 'ours < 100 ms',
      extra: { open_ms: round(median(opens), 1), unfiltered_first_page_ms: round(median(unfiltered), 1), entries: ENTRIES },
    }
  },
}

const filter: Benchmark = {
  name: 'audit-filter',
  about: 'filter by action and free text over 1M entries (first page, then the full count) vs jq select',
  async run() {
    const dir = await benchLog()
    const files = await segmentFiles(dir)
    let matches = 0
    const ours = await medianSeconds(RUNS, () =>
      // A fresh log each time: nothing cached from the run before.
      withLog(async (log) => {
        const page = await log.query({ filter: FILTER, offset: 0, limit: 100 })
        matches = page.totalPending ? (await log.count({ filter: FILTER, untilSeq: page.headSeq })).total : page.total
      }),
    )
    let jqMatches = 0
    const anchor = await medianSeconds(RUNS, async () => {
      const { stdout } = await sh(`cat ${quote(files)} | jq -c '${JQ_FILTER}' | wc -l`)
      jqMatches = Number(stdout.trim())
    })
    if (matches !== jqMatches) throw new Error(`audit-filter: ours found ${matches}, jq ${jqMatches}`)
    return {
      ours: round(ours),
      anchor: round(anchor),
      unit: 's',
      anchor_cmd: `jq -c '${JQ_FILTER}'`,
      ratio: round(ours / anchor),
      goal: 'ratio <= 0.1',
      extra: { matches },
    }
  },
}

const exportCsv: Benchmark = {
  name: 'audit-export-csv',
  about: 'CSV export of every entry of a 1M-entry log vs jq -r @csv',
  async run() {
    const dir = await benchLog()
    const out = join(BENCH_DIR, 'audit-export.csv')
    let bytes = 0
    let entries = 0
    const ours = await medianSeconds(RUNS, () =>
      withLog(async (log) => {
        const result = await log.exportEntries({ format: 'csv', path: out })
        bytes = result.bytes
        entries = result.entries
      }),
    )
    // After our runs, so jq reads the same files (exports append one line each to the log).
    const files = await segmentFiles(dir)
    const anchorOut = join(BENCH_DIR, 'audit-export-jq.csv')
    const anchor = await medianSeconds(RUNS, () => sh(`cat ${quote(files)} | jq -r '${JQ_CSV}' > '${anchorOut}'`))
    const anchorBytes = (await stat(anchorOut)).size
    await rm(out, { force: true })
    await rm(anchorOut, { force: true })
    return {
      ours: round(ours),
      anchor: round(anchor),
      unit: 's',
      anchor_cmd: `jq -r '${JQ_CSV}'`,
      ratio: round(ours / anchor),
      goal: 'ratio <= 0.15',
      extra: { entries, ours_mib: round(bytes / 1024 / 1024, 1), jq_mib: round(anchorBytes / 1024 / 1024, 1) },
    }
  },
}

const verify: Benchmark = {
  name: 'audit-verify',
  about: 'verify the whole hash chain of a 1M-entry log (archive included) vs sha256sum of every segment',
  async run() {
    const dir = await benchLog()
    const files = await segmentFiles(dir)
    let entries = 0
    const totals: number[] = []
    const verifies: number[] = []
    const anchors: number[] = []
    // Ours and the anchor take turns, so both see the same load on a shared machine.
    for (let i = 0; i < RUNS; i++) {
      totals.push(
        await milliseconds(() =>
          withLog(async (log) => {
            let result: Awaited<ReturnType<AuditLog['verify']>> | undefined
            verifies.push(await milliseconds(async () => (result = await log.verify({ includeArchive: true }))))
            if (!result?.ok) throw new Error(`audit-verify: the bench log is damaged: ${JSON.stringify(result?.firstBad)}`)
            entries = result.entries
          }),
        ),
      )
      anchors.push(await milliseconds(() => sh(`sha256sum ${quote(files)} > /dev/null`)))
    }
    const ours = median(totals) / 1000
    const anchor = median(anchors) / 1000
    const bytes = (await Promise.all(files.map((f) => stat(f)))).reduce((sum, s) => sum + s.size, 0)
    return {
      ours: round(ours),
      anchor: round(anchor),
      unit: 's',
      anchor_cmd: 'sha256sum <every segment>',
      ratio: round(ours / anchor),
      goal: 'ratio <= 1.0',
      extra: {
        entries,
        mib: round(bytes / 1024 / 1024, 1),
        segments: files.length,
        verify_only_s: round(median(verifies) / 1000),
        // What verify decides at the end of the runs: workers beside the main thread, by idle cores.
        workers: workerCount(bytes, {}),
        loadavg_1m: round(loadavg()[0], 2),
      },
    }
  },
}

/** What the viewer does while the admin scrolls from top to bottom: pages of 100 on a stable list. */
const scrollMemory: Benchmark = {
  name: 'audit-scroll-memory',
  about: "the core's RSS growth while paging through all 1M entries, 100 at a time",
  async run() {
    const dir = await benchLog()
    const log = await openAuditLog({ dir })
    try {
      const started = process.hrtime.bigint()
      const { value: seen, growthMiB } = await peakRssGrowthMiB(async () => {
        const first = await log.query({ offset: 0, limit: 100 })
        let seen = first.entries.length
        for (let offset = 100; offset < first.total; offset += 100) {
          const page = await log.query({ offset, limit: 100, untilSeq: first.headSeq })
          seen += page.entries.length
        }
        return seen
      })
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      return {
        ours: round(growthMiB, 1),
        anchor: 200,
        unit: 'MiB',
        anchor_cmd: 'the goal: growth under 200 MB',
        ratio: round(growthMiB / 200),
        goal: 'ours < 200 MB',
        extra: { entries_read: seen, pages: Math.ceil(seen / 100), seconds: round(seconds, 1) },
      }
    } finally {
      await log.close()
    }
  },
}

export const auditBenchmarks: Benchmark[] = [firstPage, filter, exportCsv, verify, scrollMemory]
