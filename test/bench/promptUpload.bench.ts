/**
 * Prompt upload benchmark (issue 14):
 *   prompt-upload-rate  200 prompts of 64 KiB (one language each), uploaded as a batch against the
 *                       sandbox's limit of 1,200 requests a minute: the request rate achieved, over the limit
 * The anchor is the physical limit: no client may send more. Ours is every request the batch makes (prompt
 * creates, resource creates, multipart uploads, transcoding polls: all count against the limit) over the
 * time from the start call to the last row transcoded. Requests per prompt say whether polling inflates
 * the rate (the goal is at most 4: create, resource, upload, one poll). Each run gets a fresh sandbox and
 * core, so no run spends the budget of the one before.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core } from '../../src/main/core'
import { invokeMethod } from '../../src/main/core/invoke'
import { createPlainSecretBox } from '../../src/main/core/secrets/plainSecretBox'
import { startSandbox } from '../../src/main/sandbox'
import type { PromptBatchView, PromptPlan } from '../../src/shared/contract/prompts'
import { writeWav } from '../fixtures/audio'
import { median, round, type Benchmark } from './harness'

const LIMIT_PER_MINUTE = 1200
const PROMPTS = 200
const FILE_BYTES = 64 * 1024
const CONCURRENCY = 8
const RUNS = 3

interface RunResult {
  seconds: number
  /** Every request counted against the limit in the run (API and uploads). */
  requests: number
  /** The batch's own: prompt and resource calls and uploads (the app may send others meanwhile, e.g. a status probe). */
  promptRequests: number
  refused429: number
  failures: number
  transcoded: number
}

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const response = await invokeMethod(core.handlers, method, input)
  if (!response.ok) throw new Error(`${method}: ${response.error.message}`)
  return response.value as T
}

async function uploadOnce(): Promise<RunResult> {
  const sandbox = await startSandbox({ port: 0, rateLimitPerMinute: LIMIT_PER_MINUTE })
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-prompts-'))
  const folder = await mkdtemp(join(tmpdir(), 'switchboard-bench-prompt-files-'))
  const core = await createCore({
    dataDir,
    shell: 'web',
    version: 'bench',
    secretBox: createPlainSecretBox(),
    sandbox: { url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
  })
  try {
    for (let i = 0; i < PROMPTS; i++)
      await writeWav(join(folder, `bench_prompt_${String(i).padStart(3, '0')}.wav`), { bytes: FILE_BYTES, variant: i + 1 })
    await call(core, 'profiles.test', { id: 'sandbox' }) // logs in, and the pacer learns the limit
    await call(core, 'prompts.settings.set', { concurrency: CONCURRENCY })
    const plan = await call<PromptPlan>(core, 'prompts.plan', { paths: [folder], defaultLanguage: 'en-us' })
    if (plan.items.filter((item) => item.action === 'create').length !== PROMPTS) throw new Error('the plan does not create every prompt')
    sandbox.resetStats()
    const started = process.hrtime.bigint()
    const batch = await call<PromptBatchView>(core, 'prompts.batch.start', { planId: plan.id })
    let done: PromptBatchView | undefined
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      const listed = (await call<PromptBatchView[]>(core, 'prompts.batch.list', {})).find((b) => b.id === batch.id)
      if (listed && listed.counts.active === 0) done = listed
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const stats = sandbox.stats()
    const count = (pattern: RegExp) =>
      Object.entries(stats.byRoute)
        .filter(([route]) => pattern.test(route))
        .reduce((sum, [, n]) => sum + n, 0)
    return {
      seconds,
      requests: count(/ \/(api|uploads)\/v2\//),
      promptRequests: count(/ \/(api\/v2\/architect|uploads\/v2)\/prompts/),
      refused429: stats.status['429'] ?? 0,
      failures: done.counts.total - done.counts.transcoded,
      transcoded: done.counts.transcoded,
    }
  } finally {
    await core.close()
    await sandbox.close()
    await rm(dataDir, { recursive: true, force: true })
    await rm(folder, { recursive: true, force: true })
  }
}

const promptUploadRate: Benchmark = {
  name: 'prompt-upload-rate',
  about: `${PROMPTS} prompts of ${FILE_BYTES / 1024} KiB (create, resource, multipart upload, transcoding) with the sandbox limited to ${LIMIT_PER_MINUTE} requests a minute: request rate as a share of the limit`,
  async run() {
    const runs: RunResult[] = []
    for (let i = 0; i < RUNS; i++) runs.push(await uploadOnce())
    const perMinute = runs.map((r) => (r.requests / r.seconds) * 60)
    const ours = median(perMinute)
    const mid = runs[perMinute.indexOf(ours)] ?? runs[0]
    const failures = runs.reduce((sum, r) => sum + r.failures, 0)
    return {
      ours: round(ours, 1),
      anchor: LIMIT_PER_MINUTE,
      unit: 'req/min',
      anchor_cmd: `the limit: ${LIMIT_PER_MINUTE} requests a minute (sandbox rateLimitPerMinute)`,
      ratio: round(ours / LIMIT_PER_MINUTE),
      goal: 'ratio >= 0.9, requests_per_prompt <= 4, failures = 0',
      extra: {
        prompts: PROMPTS,
        failures,
        requests: mid.requests,
        requests_per_prompt: round(mid.promptRequests / PROMPTS, 2),
        other_requests: mid.requests - mid.promptRequests,
        seconds: round(mid.seconds, 2),
        concurrency: CONCURRENCY,
        share_429: round(mid.refused429 / Math.max(1, mid.requests), 4),
        prompts_per_minute: round((mid.transcoded / mid.seconds) * 60, 1),
      },
    }
  },
}

export const promptUploadBenchmarks: Benchmark[] = [promptUploadRate]
