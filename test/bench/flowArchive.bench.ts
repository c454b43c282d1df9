/**
 * Flow archive benchmark (issue 13):
 *   archive-rate  500 flow versions (5 flows x 100, one archive job each, all 5 running at once) against
 *                 the sandbox's limit of 1,200 requests a minute: the API request rate achieved, over the limit
 * The anchor is the physical limit: no client may send more. Ours is every API request the archive makes
 * (the flow, the org, the version pages, 500 configurations) over the time from the start call to the last
 * archive done; each configuration is written content-addressed with its fsync, journal line and manifest.
 * The limit keeps the bench short (about 25 s a run). Each run gets a fresh sandbox and core, so no run
 * spends the budget of the one before.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core } from '../../src/main/core'
import { invokeMethod } from '../../src/main/core/invoke'
import { createPlainSecretBox } from '../../src/main/core/secrets/plainSecretBox'
import { SANDBOX_FLOW_SEEDS, startSandbox, type Sandbox } from '../../src/main/sandbox'
import type { ArchiveView } from '../../src/shared/contract/flows'
import { median, round, type Benchmark } from './harness'

const LIMIT_PER_MINUTE = 1200
const FLOWS = [
  SANDBOX_FLOW_SEEDS.mainIvr,
  SANDBOX_FLOW_SEEDS.exportFails,
  SANDBOX_FLOW_SEEDS.commonModule,
  SANDBOX_FLOW_SEEDS.inQueue,
  SANDBOX_FLOW_SEEDS.workflow,
]
const VERSIONS_PER_FLOW = 100
const RUNS = 3
const FINISHED = new Set(['done', 'failed', 'cancelled'])

interface RunResult {
  seconds: number
  apiRequests: number
  refused429: number
  failures: number
  versionsWritten: number
  mostAtOnce: number
}

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const response = await invokeMethod(core.handlers, method, input)
  if (!response.ok) throw new Error(`${method}: ${response.error.message}`)
  return response.value as T
}

/** Each flow topped up to at least 100 versions, so the policy below takes exactly 100 of each. */
function topUp(sandbox: Sandbox): void {
  for (const flowId of FLOWS) {
    for (let n = sandbox.flows.versions(flowId).length; n < VERSIONS_PER_FLOW; n++) sandbox.flows.addVersion(flowId)
  }
}

async function archiveOnce(): Promise<RunResult> {
  const sandbox = await startSandbox({ port: 0, rateLimitPerMinute: LIMIT_PER_MINUTE })
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-flows-'))
  const folder = await mkdtemp(join(tmpdir(), 'switchboard-bench-archive-'))
  const core = await createCore({
    dataDir,
    shell: 'web',
    version: 'bench',
    secretBox: createPlainSecretBox(),
    sandbox: { url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
  })
  try {
    topUp(sandbox)
    await call(core, 'profiles.test', { id: 'sandbox' }) // logs in, and the pacer learns the limit
    sandbox.resetStats()
    const states = new Map<string, string>()
    let mostAtOnce = 0
    let remaining = FLOWS.length
    let resolveDone!: () => void
    const allDone = new Promise<void>((resolve) => (resolveDone = resolve))
    const finished = new Map<string, ArchiveView>()
    const stop = core.on('flows.archive.changed', (view) => {
      states.set(view.id, view.state)
      mostAtOnce = Math.max(mostAtOnce, [...states.values()].filter((s) => s === 'running').length)
      if (FINISHED.has(view.state) && !finished.has(view.id)) {
        finished.set(view.id, view)
        if (--remaining === 0) resolveDone()
      }
    })
    const started = process.hrtime.bigint()
    await call(core, 'flows.archive.start', {
      folder,
      flows: FLOWS.map((flowId) => ({ flowId })),
      policy: { lastDays: 3650, maxVersions: VERSIONS_PER_FLOW, publishedOnly: false },
    })
    await allDone
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    stop()
    const stats = sandbox.stats()
    const apiRequests = Object.entries(stats.byRoute)
      .filter(([route]) => / \/api\/v2\//.test(route))
      .reduce((sum, [, n]) => sum + n, 0)
    const views = [...finished.values()]
    return {
      seconds,
      apiRequests,
      refused429: stats.status['429'] ?? 0,
      failures: views.filter((v) => v.state !== 'done').length + views.reduce((sum, v) => sum + v.counts.failed, 0),
      versionsWritten: views.reduce((sum, v) => sum + v.counts.written, 0),
      mostAtOnce,
    }
  } finally {
    await core.close()
    await sandbox.close()
    await rm(dataDir, { recursive: true, force: true })
    await rm(folder, { recursive: true, force: true })
  }
}

const archiveRate: Benchmark = {
  name: 'archive-rate',
  about: `${FLOWS.length * VERSIONS_PER_FLOW} flow versions (${FLOWS.length} archive jobs at once) with the sandbox limited to ${LIMIT_PER_MINUTE} requests a minute: API request rate as a share of the limit`,
  async run() {
    const runs: RunResult[] = []
    for (let i = 0; i < RUNS; i++) runs.push(await archiveOnce())
    const perMinute = runs.map((r) => (r.apiRequests / r.seconds) * 60)
    const ours = median(perMinute)
    const mid = runs[perMinute.indexOf(ours)] ?? runs[0]
    const failures = runs.reduce((sum, r) => sum + r.failures, 0)
    if (runs.some((r) => r.versionsWritten !== FLOWS.length * VERSIONS_PER_FLOW))
      throw new Error(`an archive did not write every version: ${runs.map((r) => r.versionsWritten).join(', ')}`)
    return {
      ours: round(ours, 1),
      anchor: LIMIT_PER_MINUTE,
      unit: 'req/min',
      anchor_cmd: `the limit: ${LIMIT_PER_MINUTE} requests a minute (sandbox rateLimitPerMinute)`,
      ratio: round(ours / LIMIT_PER_MINUTE),
      goal: 'ratio >= 0.9, failures = 0',
      extra: {
        versions: FLOWS.length * VERSIONS_PER_FLOW,
        failures,
        api_requests: mid.apiRequests,
        seconds: round(mid.seconds, 2),
        jobs_at_once: Math.min(...runs.map((r) => r.mostAtOnce)),
        share_429: round(mid.refused429 / Math.max(1, mid.apiRequests), 4),
        // The pacer starts with a burst of 5% of the limit; the rest of the run goes at its steady pace.
        steady_ratio: round((mid.apiRequests - LIMIT_PER_MINUTE * 0.05) / mid.seconds / (LIMIT_PER_MINUTE / 60)),
      },
    }
  },
}

export const flowArchiveBenchmarks: Benchmark[] = [archiveRate]
