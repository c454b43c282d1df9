import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createJobRunner, defineJobKind, openJobStore, type JobKind, type JobRunner, type JobStore } from '../../../src/main/core/jobs'
import { makeJob, makeTempDir, removeDir, waitFor } from './jobTestKit'

const DAY = 86_400_000

/** A clock the test moves by hand: no test waits for real time to pass. */
function testClock(start = Date.parse('2026-03-01T10:00:00Z')) {
  let t = start
  return { now: () => new Date(t), advance: (ms: number) => (t += ms), ms: () => t }
}

/** A kind whose params need a number n and whose checkpoint is { next: number }; records what it ran. */
function countingKind(ran: { params: unknown; checkpoint: unknown }[], extra: Partial<Parameters<typeof defineJobKind>[0]> = {}): JobKind {
  return defineJobKind({
    kind: 'work',
    params: z.object({ n: z.number() }),
    checkpoint: z.object({ next: z.number().int() }),
    concurrency: 2,
    handler: async (job) => {
      ran.push({ params: job.params, checkpoint: job.checkpoint })
    },
    ...extra,
  })
}

describe('job kinds declared with zod schemas', () => {
  let dir: string
  let store: JobStore | undefined
  let runner: JobRunner | undefined
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await runner?.close()
    await store?.close()
    runner = undefined
    store = undefined
    await removeDir(dir)
  })

  it('reports a stored job whose params fail validation as damaged and never runs it', async () => {
    const first = await openJobStore({ dir })
    await first.put(makeJob('bad', { state: 'interrupted', params: { n: 'seven' } }))
    await first.put(makeJob('good', { state: 'interrupted', params: { n: 7 } }))
    await first.close()

    store = await openJobStore({ dir })
    const ran: { params: unknown; checkpoint: unknown }[] = []
    runner = createJobRunner({ store, kinds: [countingKind(ran)] })
    await runner.start()

    const bad = runner.get('bad')
    expect(bad?.state).toBe('failed')
    expect(bad?.error).toMatchObject({ code: 'job_damaged', hint: 'Cancel it and start it again.' })
    expect(bad?.error?.message).toContain('"work"')
    expect(bad?.error?.message).toContain('params.n')
    expect(bad?.error?.message).not.toContain('seven')
    await expect(runner.resume('bad')).rejects.toMatchObject({ code: 'job_damaged' })

    await runner.resumeInterrupted(['good'])
    await runner.idle()
    expect(ran).toEqual([{ params: { n: 7 }, checkpoint: undefined }])
    expect(store.get('bad')?.state).toBe('failed')
  })

  it('reports a stored job whose checkpoint fails validation as damaged and never runs it', async () => {
    const first = await openJobStore({ dir })
    await first.put(makeJob('bad', { state: 'paused', params: { n: 1 }, checkpoint: { next: 'later' } }))
    await first.put(makeJob('good', { state: 'paused', params: { n: 2 }, checkpoint: { next: 3 } }))
    await first.close()

    store = await openJobStore({ dir })
    const ran: { params: unknown; checkpoint: unknown }[] = []
    runner = createJobRunner({ store, kinds: [countingKind(ran)] })
    await runner.start()

    expect(runner.get('bad')).toMatchObject({ state: 'failed', error: { code: 'job_damaged' } })
    expect(runner.get('bad')?.error?.message).toContain('checkpoint.next')
    await expect(runner.resume('bad')).rejects.toMatchObject({ code: 'job_damaged' })
    await runner.resume('good')
    await runner.idle()
    expect(ran).toEqual([{ params: { n: 2 }, checkpoint: { next: 3 } }])
  })

  it('refuses to submit a job whose params do not fit its kind', async () => {
    store = await openJobStore({ dir })
    const ran: { params: unknown; checkpoint: unknown }[] = []
    runner = createJobRunner({ store, kinds: [countingKind(ran)] })
    await runner.start()
    await expect(runner.submit('work', 'Wrong', { n: 'one' })).rejects.toMatchObject({ code: 'invalid_input' })
    expect(store.list()).toEqual([])
    expect(ran).toEqual([])
  })
})

describe('scheduled jobs', () => {
  let dir: string
  const open: { runner?: JobRunner; store?: JobStore } = {}
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await open.runner?.close()
    await open.store?.close()
    open.runner = undefined
    open.store = undefined
    await removeDir(dir)
  })

  async function boot(clock: ReturnType<typeof testClock>, ran: { params: unknown; checkpoint: unknown }[], maxTimerMs?: number) {
    open.store = await openJobStore({ dir, now: clock.now })
    open.runner = createJobRunner({ store: open.store, kinds: [countingKind(ran)], now: clock.now, maxTimerMs })
    await open.runner.start()
    return { store: open.store, runner: open.runner }
  }

  async function shutdown() {
    await open.runner?.close()
    await open.store?.close()
    open.runner = undefined
    open.store = undefined
  }

  it('waits as scheduled (not counted as running), survives a restart as scheduled, and fires at start once its time has passed', async () => {
    const clock = testClock()
    const ran: { params: unknown; checkpoint: unknown }[] = []
    const { runner } = await boot(clock, ran)
    const job = await runner.submit('work', 'Poll later', { n: 1 }, { runAt: new Date(clock.ms() + 15 * 60_000) })
    expect(job.state).toBe('scheduled')
    expect(runner.get(job.id)?.runAt).toBe(new Date(clock.ms() + 15 * 60_000).toISOString())
    expect(runner.running()).toBe(0)
    await shutdown()

    // Closed for 10 minutes: still waiting after the restart, not interrupted, not run.
    clock.advance(10 * 60_000)
    let again = await boot(clock, ran)
    expect(again.store.startupReport.interrupted).toEqual([])
    expect(again.runner.get(job.id)?.state).toBe('scheduled')
    await shutdown()
    expect(ran).toEqual([])

    // Closed until after its time: it runs as soon as the app starts.
    clock.advance(60 * 60_000)
    again = await boot(clock, ran)
    await waitFor(() => again.runner.get(job.id)?.state === 'done', 'the scheduled job to run', 5000)
    expect(ran).toEqual([{ params: { n: 1 }, checkpoint: undefined }])
  })

  it('fires while the app runs with one capped timer, when the clock reaches its time', async () => {
    const clock = testClock()
    const ran: { params: unknown; checkpoint: unknown }[] = []
    // The timer re-checks every 20 ms at most, so moving the clock is noticed without real waiting.
    const { runner } = await boot(clock, ran, 20)
    const later = await runner.submit('work', 'Tomorrow', { n: 2 }, { runAt: new Date(clock.ms() + DAY) })
    const sooner = await runner.submit('work', 'In an hour', { n: 3 }, { runAt: new Date(clock.ms() + 3_600_000) })
    clock.advance(3_600_000)
    await waitFor(() => runner.get(sooner.id)?.state === 'done', 'the first job to fire', 5000)
    expect(runner.get(later.id)?.state).toBe('scheduled')
    clock.advance(DAY)
    await waitFor(() => runner.get(later.id)?.state === 'done', 'the second job to fire', 5000)
    expect(ran.map((r) => r.params)).toEqual([{ n: 3 }, { n: 2 }])
  })

  it('can be cancelled while it waits, and then never runs', async () => {
    const clock = testClock()
    const ran: { params: unknown; checkpoint: unknown }[] = []
    const { runner } = await boot(clock, ran, 20)
    const job = await runner.submit('work', 'Retry tomorrow', { n: 4 }, { runAt: new Date(clock.ms() + DAY) })
    expect((await runner.cancel(job.id)).state).toBe('cancelled')
    clock.advance(2 * DAY)
    await shutdown()
    const again = await boot(clock, ran)
    await again.runner.idle()
    expect(again.runner.get(job.id)).toMatchObject({ state: 'cancelled' })
    expect(again.runner.get(job.id)?.runAt).toBeUndefined()
    expect(ran).toEqual([])
  })

  it('lets a handler ask for its next run: the job waits as scheduled between runs', async () => {
    const clock = testClock()
    const runs: number[] = []
    const kind = defineJobKind({
      kind: 'poll',
      params: z.object({ times: z.number().int() }),
      checkpoint: z.object({ done: z.number().int() }),
      concurrency: 1,
      handler: async (job, ctx) => {
        const done = (job.checkpoint?.done ?? 0) + 1
        runs.push(done)
        await ctx.checkpoint({ done })
        if (done < job.params.times) ctx.runAgainAt(new Date(clock.ms() + 5_000))
      },
    })
    open.store = await openJobStore({ dir, now: clock.now })
    const runner = createJobRunner({ store: open.store, kinds: [kind], now: clock.now, maxTimerMs: 20 })
    open.runner = runner
    await runner.start()
    const job = await runner.submit('poll', 'Poll three times', { times: 3 })
    await waitFor(() => runner.get(job.id)?.state === 'scheduled', 'the first run to end', 5000)
    expect(runs).toEqual([1])
    clock.advance(5_000)
    await waitFor(() => runs.length === 2 && runner.get(job.id)?.state === 'scheduled', 'the second run', 5000)
    clock.advance(5_000)
    await waitFor(() => runner.get(job.id)?.state === 'done', 'the last run', 5000)
    expect(runs).toEqual([1, 2, 3])
  })
})

describe('pruning finished jobs', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it('removes finished jobs older than the retention period at start, and keeps unfinished and scheduled ones whatever their age', async () => {
    const now = Date.parse('2026-03-20T00:00:00Z')
    const old = new Date(now - 8 * DAY).toISOString()
    const recent = new Date(now - 6 * DAY).toISOString()
    const first = await openJobStore({ dir, now: () => new Date(old) })
    const kept = { 'old-paused': 'paused', 'old-interrupted': 'interrupted', 'old-scheduled': 'scheduled', 'old-queued': 'queued' } as const
    for (const [id, state] of Object.entries(kept))
      await first.put(makeJob(id, { state, createdAt: old, updatedAt: old, ...(state === 'scheduled' ? { runAt: old } : {}) }))
    for (const state of ['done', 'failed', 'cancelled'] as const) {
      await first.put(makeJob(`old-${state}`, { state, createdAt: old, updatedAt: old }))
      await first.put(makeJob(`recent-${state}`, { state, createdAt: old, updatedAt: recent }))
    }
    await first.close()

    const store = await openJobStore({ dir, now: () => new Date(now) })
    expect(
      store
        .list()
        .map((j) => j.id)
        .sort(),
    ).toEqual(['old-interrupted', 'old-paused', 'old-queued', 'old-scheduled', 'recent-cancelled', 'recent-done', 'recent-failed'])
    expect(store.get('old-scheduled')?.state).toBe('scheduled')
    expect(store.startupReport.pruned).toBe(3)
    await store.close()
  })

  it('prunes on compaction too, with the retention period given', async () => {
    let t = Date.parse('2026-03-20T00:00:00Z')
    const store = await openJobStore({ dir, now: () => new Date(t), retentionMs: DAY })
    await store.put(makeJob('finished', { state: 'done', updatedAt: new Date(t).toISOString() }))
    await store.put(makeJob('waiting', { state: 'paused', updatedAt: new Date(t).toISOString() }))
    t += 2 * DAY
    await store.compact()
    expect(store.list().map((j) => j.id)).toEqual(['waiting'])
    await store.close()
    const again = await openJobStore({ dir, now: () => new Date(t), retentionMs: 30 * DAY })
    expect(again.list().map((j) => j.id)).toEqual(['waiting'])
    await again.close()
  })
})
