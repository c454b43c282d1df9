import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openAuditLog, type AuditInput } from '../../../src/main/core/audit'
import { isoMillis, percentile } from '../../../src/main/core/audit/auditMetrics'
import { makeTempDir, removeDir } from './auditTestKit'

describe('audit metrics', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it('per workflow: success rate, p50 / p95 latency, retries, rate-limit waits; activity in buckets', async () => {
    let t = Date.UTC(2025, 2, 1, 8, 0, 0)
    const log = await openAuditLog({ dir, now: () => new Date(t), guard: 'throw' })
    const add = (minutes: number, input: Partial<AuditInput>) => {
      t = Date.UTC(2025, 2, 1, 8, minutes, 0)
      log.append({ profile: 'Sandbox', org: 'Sandbox Org', action: 'uploads.upload', target: 'x', outcome: 'ok', ...input })
    }
    // uploads: latencies 1..20 ms, 18 ok and 2 errors
    for (let i = 1; i <= 20; i++) add(i % 10, { latencyMs: i, outcome: i <= 18 ? 'ok' : 'error' })
    // api calls made for the uploads workflow, named by detail.workflow; two waited on a 429
    add(30, { action: 'api.call', outcome: 'retry', latencyMs: 100, detail: { status: 429, retryAfterSeconds: 4, workflow: 'uploads' } })
    add(31, { action: 'api.call', outcome: 'retry', latencyMs: 100, detail: { status: 429, retryAfterSeconds: 6 } })
    add(32, { action: 'api.call', outcome: 'ok', latencyMs: 50, detail: { status: 200 } })
    add(33, { action: 'privacy.request', outcome: 'cancelled' })

    const m = await log.metrics()
    expect(m.entries).toBe(24)
    expect(m.firstTime).toBe('2025-03-01T08:00:00.000Z')
    expect(m.lastTime).toBe('2025-03-01T08:33:00.000Z')
    const uploads = m.workflows.find((w) => w.workflow === 'uploads')!
    expect(uploads).toMatchObject({
      total: 21,
      outcomes: { ok: 18, error: 2, retry: 1, cancelled: 0, skipped: 0, pending: 0 },
      successRate: 0.9,
      latencyP50Ms: 11,
      latencyP95Ms: 20,
      retries: 1,
      rateLimitWaits: 1,
      rateLimitWaitSeconds: 4,
    })
    const api = m.workflows.find((w) => w.workflow === 'api')!
    expect(api).toMatchObject({
      total: 2,
      successRate: 1,
      retries: 1,
      rateLimitWaits: 1,
      rateLimitWaitSeconds: 6,
      latencyP50Ms: 50,
      latencyP95Ms: 100,
    })
    expect(m.workflows.find((w) => w.workflow === 'privacy')).toMatchObject({ total: 1, successRate: null, latencyP50Ms: null })

    expect(m.bucketSeconds).toBe(60)
    expect(m.activity).toHaveLength(34)
    expect(m.activity[0]).toEqual({
      start: '2025-03-01T08:00:00.000Z',
      total: 2,
      outcomes: { ok: 1, error: 1, retry: 0, cancelled: 0, skipped: 0, pending: 0 },
    }) // i = 10 and 20
    expect(m.activity[9].outcomes).toEqual({ ok: 1, error: 1, retry: 0, cancelled: 0, skipped: 0, pending: 0 })
    expect(m.activity.reduce((s, b) => s + b.total, 0)).toBe(24)
    expect(m.values).toEqual({ profiles: ['Sandbox'], orgs: ['Sandbox Org'], actions: ['api.call', 'privacy.request', 'uploads.upload'] })

    const filtered = await log.metrics({ filter: { action: 'api.call' } })
    expect(filtered.workflows.map((w) => w.workflow).sort()).toEqual(['api', 'uploads'])
    await log.close()
  })

  it('chooses wider buckets for longer spans (at most about 120)', async () => {
    let t = Date.UTC(2025, 0, 1)
    const log = await openAuditLog({ dir, now: () => new Date(t) })
    for (let day = 0; day < 30; day++) {
      t = Date.UTC(2025, 0, 1 + day, 12)
      log.append({ profile: 'p', org: 'o', action: 'flows.archive', target: 'f', outcome: 'ok' })
    }
    const m = await log.metrics()
    expect(m.bucketSeconds).toBe(6 * 3600)
    expect(m.activity.length).toBeLessThanOrEqual(120)
    expect(m.activity.reduce((s, b) => s + b.total, 0)).toBe(30)
    await log.close()
  })

  it('nearest-rank percentiles and ISO times', () => {
    expect(percentile(new Float64Array([1, 2, 3, 4]), 50)).toBe(2)
    expect(percentile(new Float64Array([5]), 95)).toBe(5)
    expect(percentile(new Float64Array([]), 50)).toBeNull()
    expect(isoMillis('2025-03-01T08:33:12.345Z')).toBe(Date.parse('2025-03-01T08:33:12.345Z'))
  })
})
