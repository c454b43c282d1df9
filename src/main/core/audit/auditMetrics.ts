/**
 * Figures per workflow over the entries that pass a filter: how many succeeded, p50 and p95 latency,
 * retries and rate-limit waits, plus activity over time in buckets sized to the span (at most ~120).
 * A workflow is detail.workflow when an entry names one, else the action's first word
 * ("uploads.start" -> "uploads", "api.call" -> "api"). A rate-limit wait is an entry whose
 * detail.status is 429; its length is detail.retryAfterSeconds (or detail.waitMs / 1000) when given.
 * Fields are read from the line bytes; only entries that may carry a workflow or a 429 are parsed.
 */
import type { AuditOutcome } from '../../../shared/api'
import {
  AuditMetricsSchema,
  type ActivityBucket,
  type AuditMetrics,
  type AuditMetricsRequest,
  type WorkflowMetrics,
} from '../../../shared/contract/audit'
import { compileFilter } from './auditFilter'
import { isLegacySystemOrg } from './auditScope'
import type { AuditSnapshot } from './auditSource'
import { GrowableArray } from './growableArray'
import { emptyWalkedLine, walkLine } from './lineWalker'
import { scanMatches } from './matchScanner'

export { AuditMetricsSchema, type AuditMetrics, type AuditMetricsRequest, type WorkflowMetrics, type ActivityBucket }

const OUTCOMES: AuditOutcome[] = ['ok', 'error', 'retry', 'cancelled', 'skipped', 'pending']

const WORKFLOW_KEY = Buffer.from('"workflow":')
const STATUS_429 = Buffer.from('"status":429')
const BUCKET_SECONDS = [60, 300, 900, 3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400]
const MAX_BUCKETS = 120

interface WorkflowTally {
  outcomes: Record<AuditOutcome, number>
  latencies: GrowableArray
  waits: number
  waitSeconds: number
}

const emptyOutcomes = (): Record<AuditOutcome, number> => ({ ok: 0, error: 0, retry: 0, cancelled: 0, skipped: 0, pending: 0 })

export async function computeMetrics(snapshot: AuditSnapshot, input: AuditMetricsRequest = {}): Promise<AuditMetrics> {
  const request = AuditMetricsSchema.parse(input)
  const filter = compileFilter(request.filter)
  const tallies = new Map<string, WorkflowTally>()
  const times = new GrowableArray()
  const outcomeCodes: number[] = []
  const profiles = new Set<string>()
  const orgs = new Set<string>()
  const actions = new Set<string>()

  const w = emptyWalkedLine()
  const workflowOfAction = new Map<string, string>()
  const seen = { action: '', profile: '', org: '' }
  const onLine = (buf: Buffer, start: number, end: number) => {
    if (!walkLine(buf, start, end, w, true)) return
    const outcome = w.outcome as AuditOutcome
    // Neighbouring entries mostly share these: skip the set when nothing changed.
    if (w.action !== seen.action) actions.add((seen.action = w.action))
    if (w.profile !== seen.profile) profiles.add((seen.profile = w.profile))
    // System entries name no org: '' (or '-' in entries written before); neither is an org to filter by.
    if (w.org !== seen.org || w.org === '-') {
      seen.org = w.org
      if (w.org !== '' && !isLegacySystemOrg(w.profile, w.org)) orgs.add(w.org)
    }
    let workflow = workflowOfAction.get(w.action)
    if (workflow === undefined) {
      workflow = w.action.split('.', 1)[0]
      workflowOfAction.set(w.action, workflow)
    }
    let detail: Record<string, unknown> | undefined
    if (w.detailStart >= 0) {
      const raw = buf.subarray(w.detailStart, w.detailEnd)
      if (raw.indexOf(WORKFLOW_KEY) >= 0 || raw.indexOf(STATUS_429) >= 0) {
        detail = JSON.parse(raw.toString('utf8')) as Record<string, unknown>
        if (typeof detail.workflow === 'string') workflow = detail.workflow
      }
    }
    const tally = tallyFor(tallies, workflow)
    tally.outcomes[outcome] = (tally.outcomes[outcome] ?? 0) + 1
    if (w.latencyMs !== undefined) tally.latencies.push(w.latencyMs)
    if (detail?.status === 429) {
      tally.waits += 1
      tally.waitSeconds += waitSecondsOf(detail)
    }
    times.push(isoMillis(w.time))
    outcomeCodes.push(Math.max(0, OUTCOMES.indexOf(outcome)))
  }
  for (const segment of snapshot.segments) await scanMatches(segment.path, { start: 0, end: segment.end }, filter, onLine)

  const { bucketSeconds, activity, firstTime, lastTime } = bucketActivity(times, outcomeCodes)
  return {
    entries: times.length,
    firstTime,
    lastTime,
    bucketSeconds,
    workflows: [...tallies.entries()].map(([workflow, t]) => summarize(workflow, t)).sort((a, b) => b.total - a.total),
    activity,
    values: { profiles: [...profiles].sort(), orgs: [...orgs].sort(), actions: [...actions].sort() },
  }
}

function digits(t: string, from: number, length: number): number {
  let v = 0
  for (let i = from; i < from + length; i++) v = v * 10 + (t.charCodeAt(i) - 48)
  return v
}

/** Milliseconds of a toISOString() time (YYYY-MM-DDTHH:mm:ss.sssZ), without Date.parse's generality. */
export function isoMillis(t: string): number {
  if (t.length !== 24 || t[10] !== 'T' || t[23] !== 'Z') return Date.parse(t)
  return Date.UTC(
    digits(t, 0, 4),
    digits(t, 5, 2) - 1,
    digits(t, 8, 2),
    digits(t, 11, 2),
    digits(t, 14, 2),
    digits(t, 17, 2),
    digits(t, 20, 3),
  )
}

function tallyFor(tallies: Map<string, WorkflowTally>, workflow: string): WorkflowTally {
  let tally = tallies.get(workflow)
  if (!tally) {
    tally = { outcomes: emptyOutcomes(), latencies: new GrowableArray(), waits: 0, waitSeconds: 0 }
    tallies.set(workflow, tally)
  }
  return tally
}

function waitSecondsOf(detail: Record<string, unknown>): number {
  if (typeof detail.retryAfterSeconds === 'number') return detail.retryAfterSeconds
  if (typeof detail.waitMs === 'number') return detail.waitMs / 1000
  return 0
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

function summarize(workflow: string, t: WorkflowTally): WorkflowMetrics {
  const sorted = t.latencies.sorted()
  const decided = t.outcomes.ok + t.outcomes.error
  return {
    workflow,
    total: OUTCOMES.reduce((sum, o) => sum + t.outcomes[o], 0),
    outcomes: t.outcomes,
    successRate: decided === 0 ? null : t.outcomes.ok / decided,
    latencyP50Ms: percentile(sorted, 50),
    latencyP95Ms: percentile(sorted, 95),
    retries: t.outcomes.retry,
    rateLimitWaits: t.waits,
    rateLimitWaitSeconds: t.waitSeconds,
  }
}

function bucketActivity(
  times: GrowableArray,
  outcomes: number[],
): Pick<AuditMetrics, 'bucketSeconds' | 'activity' | 'firstTime' | 'lastTime'> {
  if (times.length === 0) return { bucketSeconds: BUCKET_SECONDS[0], activity: [] }
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < times.length; i++) {
    const t = times.at(i)
    if (t < min) min = t
    if (t > max) max = t
  }
  const bucketSeconds =
    BUCKET_SECONDS.find((s) => Math.floor(max / (s * 1000)) - Math.floor(min / (s * 1000)) < MAX_BUCKETS) ?? BUCKET_SECONDS.at(-1)!
  const size = bucketSeconds * 1000
  const first = Math.floor(min / size)
  const buckets: ActivityBucket[] = []
  for (let b = first; b <= Math.floor(max / size); b++)
    buckets.push({ start: new Date(b * size).toISOString(), total: 0, outcomes: emptyOutcomes() })
  for (let i = 0; i < times.length; i++) {
    const bucket = buckets[Math.floor(times.at(i) / size) - first]
    bucket.total += 1
    bucket.outcomes[OUTCOMES[outcomes[i]]] += 1
  }
  return { bucketSeconds, activity: buckets, firstTime: new Date(min).toISOString(), lastTime: new Date(max).toISOString() }
}
