/**
 * Recording upload benchmarks (issue 3), each beside its anchor on the same input in the same run:
 *   hash-1gib                MD5 + SHA-256 of 1 GiB in one read vs `openssl dgst -md5 f` (the floor: MD5 cannot
 *                            be split) and `md5sum f && sha256sum f`
 *   upload-link-throughput   10 x 50 MiB through a sandbox uplink capped at 40 MiB/s vs the cap (the physical limit)
 *   upload-batch-rate  1,000 files of 256 KiB under a 3,000/min limit: achieved API request rate vs the limit
 * Inputs are generated once under .bench/ and reused.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { mkdir, mkdtemp, open, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { UploadView } from '../../src/shared/contract/uploads'
import { createCore, type Core } from '../../src/main/core'
import { invokeMethod } from '../../src/main/core/invoke'
import { createPlainSecretBox } from '../../src/main/core/secrets/plainSecretBox'
import { HashPool } from '../../src/main/core/uploads/hashing/hashPool'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/main/sandbox'
import { wavBytes } from '../fixtures/audio'
import { startRemoteSandbox, type RemoteSandbox } from './remoteSandbox'
import { median, medianSeconds, peakRssGrowthMiB, round, sh, type Benchmark } from './harness'

const BENCH_DIR = join(process.cwd(), '.bench')
const MIB = 1024 * 1024
const RUNS = 5

/** A file of `bytes` pseudo-random bytes after a WAV header, written once and reused. */
async function benchFile(name: string, bytes: number): Promise<string> {
  await mkdir(BENCH_DIR, { recursive: true })
  const path = join(BENCH_DIR, name)
  if ((await stat(path).catch(() => undefined))?.size === bytes) return path
  const handle = await open(path, 'w')
  try {
    const header = wavBytes({ bytes: 44 + 2 })
    header.writeUInt32LE(bytes - 8, 4)
    header.writeUInt32LE(bytes - 44, 40)
    await handle.write(header.subarray(0, 44))
    for (let written = 44; written < bytes;) {
      const chunk = randomBytes(Math.min(16 * MIB, bytes - written))
      await handle.write(chunk)
      written += chunk.length
    }
  } finally {
    await handle.close()
  }
  return path
}

async function fileDigest(path: string, algorithm: 'md5' | 'sha256', encoding: 'hex' | 'base64'): Promise<string> {
  const hash = createHash(algorithm)
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * MIB })) hash.update(chunk as Buffer)
  return hash.digest(encoding)
}

interface SandboxTarget {
  url: string
  clientId: string
  clientSecret: string
}

interface BenchCore<S extends SandboxTarget = Sandbox> {
  core: Core
  sandbox: S
  call<T>(method: string, input: unknown): Promise<T>
  close(): Promise<void>
}

/** Where the sandbox keeps its objects: memory (/dev/shm) where there is one (see startBenchCore). */
const storageDir = () => mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'switchboard-bench-storage-'))

/**
 * The sandbox stands in for remote storage, so its objects go to memory (/dev/shm) where there is one:
 * on the same disk, every fsync of our job journal would also wait for the sandbox's object to be
 * written back (ext4 ordered mode), a cost neither real uploads nor the curl anchor pay.
 */
async function startBenchCore(sandboxOptions: SandboxOptions = {}): Promise<BenchCore> {
  const storage = await storageDir()
  const sandbox = await startSandbox({ port: 0, dataDir: storage, ...sandboxOptions })
  return coreAgainst(sandbox, async () => {
    await sandbox.close()
    await rm(storage, { recursive: true, force: true })
  })
}

/** The core (Sandbox profile) against a sandbox that runs in its own process, as remote storage does. */
async function startBenchCoreRemote(sandboxArgs: string[]): Promise<BenchCore<RemoteSandbox>> {
  const storage = await storageDir()
  const sandbox = await startRemoteSandbox(['--data-dir', storage, ...sandboxArgs])
  return coreAgainst(sandbox, async () => {
    await sandbox.close()
    await rm(storage, { recursive: true, force: true })
  })
}

async function coreAgainst<S extends SandboxTarget>(sandbox: S, closeSandbox: () => Promise<void>): Promise<BenchCore<S>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'))
  const core = await createCore({
    dataDir,
    shell: 'web',
    version: 'bench',
    secretBox: createPlainSecretBox(),
    sandbox: { url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
  })
  return {
    core,
    sandbox,
    call: async <T>(method: string, input: unknown) => {
      const response = await invokeMethod(core.handlers, method, input)
      if (!response.ok) throw new Error(`${method}: ${response.error.message}`)
      return response.value as T
    },
    close: async () => {
      await core.close()
      await closeSandbox()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

const traced = new Map<string, string>()

/** With BENCH_TRACE=1, prints each row's state changes with the time, to see where a batch spends it. */
function traceStates(rows: UploadView[]): void {
  for (const row of rows) {
    if (traced.get(row.id) === row.state) continue
    traced.set(row.id, row.state)
    console.log(`  ${(performance.now() / 1000).toFixed(2)} s  ${row.name}  ${row.state}`)
  }
}

/** Starts a batch and resolves with its rows once every one is settled. */
async function runBatch(bench: BenchCore<SandboxTarget>, paths: string[], force: boolean): Promise<UploadView[]> {
  const batch = await bench.call<{ id: string }>('uploads.start', { paths, force })
  for (;;) {
    const { rows } = await bench.call<{ rows: UploadView[] }>('uploads.list', {})
    const mine = rows.filter((r) => r.batchId === batch.id)
    if (process.env.BENCH_TRACE) traceStates(mine)
    if (mine.length > 0 && mine.every((r) => ['done', 'skipped', 'failed', 'refused', 'cancelled'].includes(r.state))) return mine
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/**
 * The hash pool remembers the digest of a file it read, unchanged since (as the review before Start and the
 * upload after it do). Touching the files changes their ctime, so every measured run reads them again.
 */
async function forgetDigests(paths: string[]): Promise<void> {
  const now = new Date()
  await Promise.all(paths.map((path) => utimes(path, now, now)))
}

const hash1gib: Benchmark = {
  name: 'hash-1gib',
  about: 'MD5 + SHA-256 of a 1 GiB file in one read (two worker threads) vs openssl dgst -md5 alone (the floor), and md5sum then sha256sum',
  async run() {
    const path = await benchFile('hash-1gib.bin', 1024 * MIB)
    const pool = new HashPool()
    try {
      await pool.hashFile(path) // warm: the page cache for all sides, and the pool's workers
      // Interleaved, so a busy moment on a shared machine weighs on every side alike.
      const floorRuns: number[] = []
      const toolRuns: number[] = []
      const oursRuns: number[] = []
      for (let i = 0; i < RUNS; i++) {
        floorRuns.push(await medianSeconds(1, () => sh(`openssl dgst -md5 '${path}' > /dev/null`)))
        toolRuns.push(await medianSeconds(1, () => sh(`md5sum '${path}' > /dev/null && sha256sum '${path}' > /dev/null`)))
        await forgetDigests([path])
        oursRuns.push(await medianSeconds(1, () => pool.hashFile(path)))
      }
      // MD5 cannot be split across threads, so MD5 alone over the same bytes is as fast as one read of both can be.
      const floor = median(floorRuns)
      const tools = median(toolRuns)
      const ours = median(oursRuns)
      await forgetDigests([path])
      const { growthMiB } = await peakRssGrowthMiB(() => pool.hashFile(path))
      return {
        ours: round(ours),
        anchor: round(floor),
        unit: 's',
        anchor_cmd: 'openssl dgst -md5 f (the floor: MD5 alone)',
        ratio: round(ours / floor),
        goal: 'ratio <= 1.15, peak_rss_growth_mib < 64',
        extra: {
          peak_rss_growth_mib: round(growthMiB, 1),
          md5sum_sha256sum_s: round(tools),
          ratio_vs_md5sum_sha256sum: round(ours / tools),
          mib_per_s_ours: round(1024 / ours, 1),
        },
      }
    } finally {
      await pool.close()
    }
  },
}

const LINK_FILES = 10
const LINK_FILE_MIB = 50
const LINK_CAP_MIB_PER_S = 40
const LINK_RUNS = 3

/** The recordings of upload-link-throughput: real WAVs (16-bit PCM), each a different tone, written once. */
async function linkRecordings(): Promise<string[]> {
  const folder = join(BENCH_DIR, `link-${LINK_FILES}x${LINK_FILE_MIB}mib`)
  await mkdir(folder, { recursive: true })
  const paths: string[] = []
  for (let i = 0; i < LINK_FILES; i++) {
    const path = join(folder, `call-${String(i).padStart(2, '0')}.wav`)
    if ((await stat(path).catch(() => undefined))?.size !== LINK_FILE_MIB * MIB)
      await writeFile(path, wavBytes({ variant: 70_000 + i, bytes: LINK_FILE_MIB * MIB }))
    paths.push(path)
  }
  return paths
}

const uploadLinkThroughput: Benchmark = {
  name: 'upload-link-throughput',
  about: `${LINK_FILES} recordings of ${LINK_FILE_MIB} MiB through a sandbox uplink capped at ${LINK_CAP_MIB_PER_S} MiB/s in total: throughput vs the cap`,
  async run() {
    const paths = await linkRecordings()
    const totalBytes = LINK_FILES * LINK_FILE_MIB * MIB
    const cap = LINK_CAP_MIB_PER_S * MIB
    const bench = await startBenchCoreRemote(['--uplink-mib-per-s', String(LINK_CAP_MIB_PER_S)])
    try {
      const { concurrency } = await bench.call<{ concurrency: number }>('uploads.settings.get', {})
      await runBatch(bench, [paths[0]], true) // warm: login, org lookup, the hashing workers
      const md5s = await Promise.all(paths.map((path) => fileDigest(path, 'md5', 'base64'))) // also warms the page cache
      const token = await sandboxToken(bench.sandbox)
      const runs: { seconds: number; busyShare: number }[] = []
      const curlRuns: number[] = []
      for (let i = 0; i < LINK_RUNS; i++) {
        // Control: curl sends the same files (presigned by hand, as many at once as our concurrency)
        // through the same capped link: what this machine can push through it right now.
        const presigned = await Promise.all(paths.map((_, n) => presignByHand(bench.sandbox, token, md5s[n])))
        const commands = presigned.map((p, n) => curlPut(paths[n], p)).join('\n')
        let started = process.hrtime.bigint()
        await sh(`printf '%s\\n' ${shellQuote(commands)} | xargs -d '\\n' -P ${concurrency} -I{} bash -c {}`)
        curlRuns.push(Number(process.hrtime.bigint() - started) / 1e9)

        await bench.sandbox.resetStats()
        await forgetDigests(paths)
        started = process.hrtime.bigint()
        const { value: rows, busyShare } = await linkBusyShare(bench.sandbox, () => runBatch(bench, paths, true))
        const seconds = Number(process.hrtime.bigint() - started) / 1e9
        const failed = rows.filter((row) => row.state !== 'done')
        if (failed.length) throw new Error(`${failed.length} upload(s) ended ${failed[0].state}: ${failed[0].error?.message}`)
        const admitted = (await bench.sandbox.uplink()).admittedBytes
        if (admitted !== totalBytes) throw new Error(`the uplink let ${admitted} bytes through, not ${totalBytes}`)
        runs.push({ seconds, busyShare })
      }
      const uplink = await bench.sandbox.uplink()
      const seconds = median(runs.map((r) => r.seconds))
      const ours = totalBytes / MIB / seconds
      const curlSeconds = median(curlRuns)
      return {
        ours: round(ours, 1),
        anchor: LINK_CAP_MIB_PER_S,
        unit: 'MiB/s',
        anchor_cmd: `the physical limit: ${LINK_FILES * LINK_FILE_MIB} MiB over a ${LINK_CAP_MIB_PER_S} MiB/s uplink`,
        ratio: round(ours / LINK_CAP_MIB_PER_S),
        goal: 'ratio >= 0.9',
        extra: {
          seconds: round(seconds, 2),
          limit_seconds: round(totalBytes / cap, 2),
          runs: runs.map((r) => round(r.seconds, 2)).join('/'),
          concurrency,
          // Share of the run with at least one PUT body on the link: below 1, the link sat idle while
          // files were being checked, hashed, presigned or confirmed.
          link_busy_share: round(median(runs.map((r) => r.busyShare))),
          curl_mib_per_s: round(totalBytes / MIB / curlSeconds, 1),
          ratio_vs_curl: round(ours / (totalBytes / MIB / curlSeconds)),
          uplink_waits: uplink.waits,
          uplink_busiest_100ms_mib: round(uplink.busiestWindowBytes / MIB, 2),
        },
      }
    } finally {
      await bench.close()
    }
  },
}

const uploadBatchRate: Benchmark = {
  name: 'upload-batch-rate',
  about: '1,000 files of 256 KiB with the sandbox limited to 3,000 requests a minute: API request rate as a share of the limit',
  async run() {
    const folder = join(BENCH_DIR, 'batch-1000x256k')
    await mkdir(folder, { recursive: true })
    const existing = new Set(await readdir(folder))
    for (let i = 0; i < 1000; i++) {
      const name = `call-${String(i).padStart(4, '0')}.wav`
      if (!existing.has(name)) await writeFile(join(folder, name), wavBytes({ variant: 90_000 + i, bytes: 256 * 1024 }))
    }
    const limitPerMinute = 3000
    const bench = await startBenchCore({ rateLimitPerMinute: limitPerMinute })
    try {
      await bench.call('uploads.settings.set', { concurrency: 16 })
      await bench.call('profiles.test', { id: 'sandbox' }) // logs in; the batch below is what is measured
      bench.sandbox.resetStats()
      const started = process.hrtime.bigint()
      const rows = await runBatch(bench, [folder], true)
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      const stats = bench.sandbox.stats()
      const apiRequests = Object.entries(stats.byRoute)
        .filter(([route]) => / \/api\/v2\//.test(route))
        .reduce((sum, [, n]) => sum + n, 0)
      const refused429 = stats.status['429'] ?? 0
      const perSecond = apiRequests / seconds
      const limitPerSecond = limitPerMinute / 60
      const failures = rows.filter((r) => r.state !== 'done').length
      return {
        ours: round(perSecond, 1),
        anchor: round(limitPerSecond, 1),
        unit: 'req/s',
        anchor_cmd: 'the limit: 3000 requests a minute',
        ratio: round(perSecond / limitPerSecond),
        goal: 'ratio >= 0.9, failures = 0, share_429 <= 0.01',
        extra: {
          files: rows.length,
          failures,
          api_requests: apiRequests,
          seconds: round(seconds, 2),
          share_429: round(refused429 / Math.max(1, apiRequests), 4),
          // The pacer starts with a burst of 5% of the limit; the rest of the batch runs at the steady pace.
          steady_ratio: round((apiRequests - limitPerMinute * 0.05) / seconds / limitPerSecond),
        },
      }
    } finally {
      await bench.close()
    }
  },
}

/** Samples the sandbox's PUTs in progress every 25 ms while fn runs: the share of samples with one or more. */
async function linkBusyShare<T>(sandbox: RemoteSandbox, fn: () => Promise<T>): Promise<{ value: T; busyShare: number }> {
  let samples = 0
  let busy = 0
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      const { putsInProgress } = await sandbox.stats()
      samples += 1
      if (putsInProgress > 0) busy += 1
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  })()
  try {
    const value = await fn()
    return { value, busyShare: busy / Math.max(1, samples) }
  } finally {
    sampling = false
    await sampler
  }
}

async function sandboxToken(sandbox: SandboxTarget): Promise<string> {
  const response = await fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  })
  return ((await response.json()) as { access_token: string }).access_token
}

interface HandPresign {
  url: string
  headers: Record<string, string>
}

async function presignByHand(sandbox: SandboxTarget, token: string, md5: string): Promise<HandPresign> {
  const response = await fetch(`${sandbox.url}/api/v2/uploads/recordings`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ fileName: 'anchor.wav', contentMd5: md5, contentType: 'audio/wav', signedUrlTimeoutSeconds: 3600 }),
  })
  if (!response.ok) throw new Error(`presign for the anchor failed: HTTP ${response.status}`)
  return (await response.json()) as HandPresign
}

function curlPut(path: string, presign: HandPresign): string {
  const headers = Object.entries(presign.headers)
    .map(([k, v]) => `-H ${shellQuote(`${k}: ${v}`)}`)
    .join(' ')
  return `curl -sS --fail -o /dev/null -T ${shellQuote(path)} ${headers} ${shellQuote(presign.url)}`
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

export const uploadBenchmarks: Benchmark[] = [hash1gib, uploadLinkThroughput, uploadBatchRate]
