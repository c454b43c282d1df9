/**
 * Recording download benchmarks (issue 12), each beside curl on the same media in the same run:
 *   download-200mib      one 200 MiB recording through the downloads part vs `curl -o` of the same link
 *   download-batch-1000  1,000 recordings of 256 KiB (one download, 10 batch requests) vs curl fetching
 *                        the same 1,000 result links 8 at a time
 * The core runs for real (batch requests, SHA-256 while writing, fsync, no-overwrite rename, manifest,
 * journal, audit); the sandbox serves the media from its own process, as a remote server would (see
 * recordingSandboxProcess.ts). Both sides write to the same disk.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core } from '../../src/main/core'
import { invokeMethod } from '../../src/main/core/invoke'
import { createPlainSecretBox } from '../../src/main/core/secrets/plainSecretBox'
import type { SandboxOptions } from '../../src/main/sandbox'
import type { DownloadItemRef, DownloadView } from '../../src/shared/contract/recordings'
import { median, round, sh, type Benchmark } from './harness'
import { startRecordingSandbox, type RecordingSandbox } from './recordingSandbox'

const MIB = 1024 * 1024
const BATCH_PATH = '/api/v2/recording/batchrequests'

interface DownloadBench {
  sandbox: RecordingSandbox
  core: Core
  call<T>(method: string, input: unknown): Promise<T>
  close(): Promise<void>
}

async function startDownloadBench(options: Pick<SandboxOptions, 'batchResultPace'> = {}): Promise<DownloadBench> {
  const sandbox = await startRecordingSandbox({ rateLimitPerMinute: 100_000, ...options })
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'))
  const core = await createCore({
    dataDir,
    shell: 'web',
    version: 'bench',
    secretBox: createPlainSecretBox(),
    sandbox: { url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
  })
  return {
    sandbox,
    core,
    call: async <T>(method: string, input: unknown) => {
      const response = await invokeMethod(core.handlers, method, input)
      if (!response.ok) throw new Error(`${method}: ${response.error.message}`)
      return response.value as T
    },
    close: async () => {
      await core.close()
      await sandbox.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

const FINISHED = new Set(['done', 'failed', 'cancelled'])

/** Ours: one download of `items` into a new folder, from the call to its finished signal. */
async function downloadOnce(
  bench: DownloadBench,
  items: DownloadItemRef[],
): Promise<{ seconds: number; view: DownloadView; folder: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'switchboard-bench-download-'))
  let resolveDone!: (view: DownloadView) => void
  const finished = new Promise<DownloadView>((resolve) => (resolveDone = resolve))
  let id: string | undefined
  const early: DownloadView[] = []
  const stop = bench.core.on('recordings.download.changed', (view) => {
    if (id === undefined) early.push(view)
    else if (view.id === id && FINISHED.has(view.state)) resolveDone(view)
  })
  try {
    const started = process.hrtime.bigint()
    const view = await bench.call<DownloadView>('recordings.downloads.start', { items, folder, onExisting: 'ask' })
    id = view.id
    const already = early.find((v) => v.id === id && FINISHED.has(v.state))
    if (already) resolveDone(already)
    const done = await finished
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    return { seconds, view: done, folder }
  } finally {
    stop()
  }
}

async function sandboxToken(sandbox: RecordingSandbox): Promise<string> {
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

/** The anchor's links: the same recordings through batch requests of 100 made by hand, outside the timed part. */
async function resultUrls(sandbox: RecordingSandbox, items: DownloadItemRef[]): Promise<string[]> {
  const token = await sandboxToken(sandbox)
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
  const urls: string[] = []
  for (let i = 0; i < items.length; i += 100) {
    const list = items.slice(i, i + 100).map(({ conversationId, recordingId }) => ({ conversationId, recordingId }))
    const submitted = await fetch(`${sandbox.url}${BATCH_PATH}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ batchDownloadRequestList: list }),
    })
    if (!submitted.ok) throw new Error(`batch request for the anchor: HTTP ${submitted.status}`)
    const { id } = (await submitted.json()) as { id: string }
    for (let polls = 0; ; polls++) {
      const answer = (await (await fetch(`${sandbox.url}${BATCH_PATH}/${id}`, { headers })).json()) as {
        status: string
        results: { resultUrl?: string; errorMsg?: string }[]
      }
      if (answer.status === 'Completed') {
        const failed = answer.results.find((r) => !r.resultUrl)
        if (failed) throw new Error(`the anchor's batch has an error: ${failed.errorMsg}`)
        urls.push(...answer.results.map((r) => r.resultUrl!))
        break
      }
      if (polls > 600) throw new Error('the anchor’s batch request did not complete')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  return urls
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

async function fileCount(folder: string, suffix: string): Promise<number> {
  return (await readdir(folder)).filter((name) => name.endsWith(suffix)).length
}

function failuresOf(view: DownloadView): string {
  const failed = view.items.filter((item) => item.state !== 'saved')
  return failed.length ? `${failed.length} item(s) not saved; first: ${failed[0].state} ${failed[0].error?.message ?? ''}` : ''
}

const WHAT_OURS_ADDS =
  'batch request round trip (submit + polls), SHA-256 while writing, fsync of each file before its no-overwrite rename, journal, audit, manifest CSV'

/**
 * Batches complete at once: the sandbox's default pace (the first result after 200 ms, then one every
 * 40 ms: 40 s for 1,000 items) is a wait no client can shorten, and the anchor's links come from the
 * same completed batches. What is left of the batch round trip is ours: the submit, and our polls.
 */
const FAST_PACE = { firstMs: 0, intervalMs: 0 }

const BIG_BYTES = 200 * MIB
const BIG_RUNS = 5

const download200MiB: Benchmark = {
  name: 'download-200mib',
  about: `one 200 MiB recording through the downloads part (${WHAT_OURS_ADDS}) vs curl -o of the same media link`,
  async run() {
    const bench = await startDownloadBench({ batchResultPace: FAST_PACE })
    try {
      const [warm] = await bench.sandbox.add(1, 64 * 1024, 'bench-warm')
      const warmRun = await downloadOnce(bench, [warm]) // login, org lookup, agents, the job machinery
      await rm(warmRun.folder, { recursive: true, force: true })
      const [item] = await bench.sandbox.add(1, BIG_BYTES, 'bench-200mib')
      const [url] = await resultUrls(bench.sandbox, [item])
      const curlFolder = await mkdtemp(join(tmpdir(), 'switchboard-bench-curl-'))
      const target = join(curlFolder, 'recording.wav')
      const oursRuns: number[] = []
      const curlRuns: number[] = []
      try {
        // Interleaved, so a busy moment on a shared machine weighs on both sides alike.
        for (let i = 0; i < BIG_RUNS; i++) {
          const started = process.hrtime.bigint()
          await sh(`curl -sS --fail -o ${shellQuote(target)} ${shellQuote(url)}`)
          curlRuns.push(Number(process.hrtime.bigint() - started) / 1e9)
          await rm(target, { force: true })

          const ours = await downloadOnce(bench, [item])
          const problem = failuresOf(ours.view)
          if (problem) throw new Error(`our download failed: ${problem}`)
          oursRuns.push(ours.seconds)
          await rm(ours.folder, { recursive: true, force: true })
        }
      } finally {
        await rm(curlFolder, { recursive: true, force: true })
      }
      const ours = median(oursRuns)
      const curl = median(curlRuns)
      return {
        ours: round(ours),
        anchor: round(curl),
        unit: 's',
        anchor_cmd: 'curl -sS --fail -o FILE URL (the same presigned media link)',
        ratio: round(ours / curl),
        goal: 'ratio <= 1.2',
        extra: {
          mib_per_s_ours: round(200 / ours, 1),
          mib_per_s_curl: round(200 / curl, 1),
          runs_ours: oursRuns.map((s) => round(s, 2)).join('/'),
          runs_curl: curlRuns.map((s) => round(s, 2)).join('/'),
          extra: WHAT_OURS_ADDS,
        },
      }
    } finally {
      await bench.close()
    }
  },
}

const BATCH_COUNT = 1000
const BATCH_ITEM_BYTES = 256 * 1024
const BATCH_RUNS = 3
const CURL_AT_ONCE = 8

const downloadBatch1000: Benchmark = {
  name: 'download-batch-1000',
  about: `1,000 recordings of 256 KiB in one download (10 batch requests; ${WHAT_OURS_ADDS}) vs curl fetching the same 1,000 result links ${CURL_AT_ONCE} at a time (one curl per file, as xargs runs it)`,
  async run() {
    const bench = await startDownloadBench({ batchResultPace: FAST_PACE })
    try {
      const [warm] = await bench.sandbox.add(1, 64 * 1024, 'bench-warm')
      const warmRun = await downloadOnce(bench, [warm])
      await rm(warmRun.folder, { recursive: true, force: true })
      const items = await bench.sandbox.add(BATCH_COUNT, BATCH_ITEM_BYTES, 'bench-batch')
      const urls = await resultUrls(bench.sandbox, items)
      const listDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-urls-'))
      const urlList = join(listDir, 'urls.txt')
      await writeFile(urlList, urls.join('\n') + '\n')
      // The same links for one curl process with 8 transfers at once: no process start per file.
      const curlConfig = join(listDir, 'curl.conf')
      await writeFile(curlConfig, urls.map((url, n) => `url = "${url}"\noutput = "${String(n).padStart(4, '0')}.wav"`).join('\n') + '\n')
      const oursRuns: number[] = []
      const curlRuns: number[] = []
      const curlParallelRuns: number[] = []
      let failures = 0
      let savedFiles = 0
      const timedCurl = async (command: (folder: string) => string, runs: number[]) => {
        const folder = await mkdtemp(join(tmpdir(), 'switchboard-bench-curl-'))
        try {
          const started = process.hrtime.bigint()
          await sh(command(folder))
          runs.push(Number(process.hrtime.bigint() - started) / 1e9)
          const files = (await readdir(folder)).length
          if (files !== BATCH_COUNT) throw new Error(`curl saved ${files} files, not ${BATCH_COUNT}`)
        } finally {
          await rm(folder, { recursive: true, force: true })
        }
      }
      try {
        for (let i = 0; i < BATCH_RUNS; i++) {
          // -O names each file after the link's last path segment: the recording id, unique. A process start
          // per file makes this the slowest side by far (30-70 s here), so it runs once.
          if (i === 0)
            await timedCurl(
              (folder) => `cd ${shellQuote(folder)} && xargs -P ${CURL_AT_ONCE} -n 1 curl -sS --fail -O < ${shellQuote(urlList)}`,
              curlRuns,
            )
          await timedCurl(
            (folder) =>
              `cd ${shellQuote(folder)} && curl -sS --fail --parallel --parallel-max ${CURL_AT_ONCE} -K ${shellQuote(curlConfig)}`,
            curlParallelRuns,
          )

          const ours = await downloadOnce(bench, items)
          savedFiles = await fileCount(ours.folder, '.wav')
          failures = ours.view.counts.failed
          const problem = failuresOf(ours.view)
          await rm(ours.folder, { recursive: true, force: true })
          if (problem || savedFiles !== BATCH_COUNT)
            throw new Error(`our download saved ${savedFiles} of ${BATCH_COUNT} files; ${problem || 'the folder is short'}`)
          oursRuns.push(ours.seconds)
          await bench.call('recordings.downloads.clear', {})
        }
      } finally {
        await rm(listDir, { recursive: true, force: true })
      }
      const ours = median(oursRuns)
      const curl = median(curlRuns)
      const curlParallel = median(curlParallelRuns)
      const totalMiB = (BATCH_COUNT * BATCH_ITEM_BYTES) / MIB
      return {
        ours: round(ours),
        anchor: round(curl),
        unit: 's',
        anchor_cmd: `xargs -P ${CURL_AT_ONCE} -n 1 curl -sS --fail -O URL over the same 1,000 result links`,
        ratio: round(ours / curl),
        goal: 'ratio <= 1.3, failures = 0',
        extra: {
          files: savedFiles,
          failures,
          files_per_s_ours: round(BATCH_COUNT / ours, 1),
          files_per_s_curl: round(BATCH_COUNT / curl, 1),
          mib_per_s_ours: round(totalMiB / ours, 1),
          mib_per_s_curl: round(totalMiB / curl, 1),
          runs_ours: oursRuns.map((s) => round(s, 2)).join('/'),
          runs_curl: curlRuns.map((s) => round(s, 2)).join('/'),
          // One curl process, 8 transfers at once: the transfers without a process start per file.
          curl_parallel_s: round(curlParallel),
          ratio_vs_curl_parallel: round(ours / curlParallel),
          extra: WHAT_OURS_ADDS,
        },
      }
    } finally {
      await bench.close()
    }
  },
}

export const recordingDownloadBenchmarks: Benchmark[] = [download200MiB, downloadBatch1000]
