import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JobView } from '../../../src/shared/api'
import { createJobRunner, openJobStore, type JobHandler, type JobRunner, type JobStore } from '../../../src/main/core/jobs'
import { gate, makeTempDir, removeDir, sleep } from './jobTestKit'

/** A handler that waits until the test opens its gate, or until its signal aborts. */
function heldHandler(gates: Map<string, ReturnType<typeof gate>>): JobHandler {
  return async (job, ctx) => {
    const g = gate()
    gates.set(job.id, g)
    await new Promise<void>((resolve, reject) => {
      g.promise.then(resolve)
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))
      if (ctx.signal.aborted) reject(ctx.signal.reason)
    })
  }
}

describe('job runner', () => {
  let dir: string
  let store: JobStore
  let runner: JobRunner | undefined
  let events: JobView[]
  beforeEach(async () => {
    dir = await makeTempDir()
    store = await openJobStore({ dir })
    events = []
  })
  afterEach(async () => {
    await runner?.close()
    await store.close()
    await removeDir(dir)
  })

  function start(handlers: Record<string, JobHandler>, concurrency: Record<string, number> | number = 2, stopGraceMs?: number): JobRunner {
    runner = createJobRunner({ store, handlers, concurrency, onChange: (v) => events.push(v), stopGraceMs })
    return runner
  }
  const statesOf = (id: string) =>
    events
      .filter((e) => e.id === id)
      .map((e) => e.state)
      .filter((s, i, a) => s !== a[i - 1])

  it('runs a job to done and announces each state change', async () => {
    const r = start({ work: async (_job, ctx) => ctx.progress({ step: 'working' }) })
    const job = await r.submit('work', 'Do it', { n: 1 })
    expect(job).toMatchObject({ kind: 'work', title: 'Do it', state: 'queued', params: { n: 1 }, attempts: 0 })
    await r.idle()
    expect(r.get(job.id)).toMatchObject({ state: 'done', progress: { step: 'working' } })
    expect(store.get(job.id)).toMatchObject({ state: 'done', attempts: 1 })
    expect(statesOf(job.id)).toEqual(['queued', 'running', 'done'])
  })

  it('records a failure with the error in plain data', async () => {
    const r = start({
      work: async () => {
        throw new Error('disk on fire')
      },
    })
    const job = await r.submit('work', 'Fail', {})
    await r.idle()
    expect(r.get(job.id)).toMatchObject({ state: 'failed', error: { name: 'AppError', code: 'internal', message: 'disk on fire' } })
  })

  it('refuses an unknown kind', async () => {
    const r = start({ work: async () => {} })
    await expect(r.submit('nope', 'x', {})).rejects.toMatchObject({ code: 'invalid_input' })
    expect(store.list()).toEqual([])
  })

  it('never runs more jobs of a kind at once than its limit, and kinds have separate limits', async () => {
    const now = { a: 0, b: 0 }
    const max = { a: 0, b: 0 }
    let release = gate()
    const make =
      (kind: 'a' | 'b'): JobHandler =>
      async () => {
        now[kind] += 1
        max[kind] = Math.max(max[kind], now[kind])
        await release.promise // everyone waits, so the queue fills up to its limit
        await sleep(1)
        now[kind] -= 1
      }
    const r = start({ a: make('a'), b: make('b') }, { a: 3, b: 1 })
    await Promise.all(Array.from({ length: 12 }, (_, i) => r.submit(i % 2 ? 'a' : 'b', `job ${i}`, {})))
    while (r.running() < 4) await sleep(1)
    await sleep(20)
    expect(now).toEqual({ a: 3, b: 1 })
    release.open()
    await r.idle()
    expect(max).toEqual({ a: 3, b: 1 })

    max.a = 0
    release = gate()
    r.setConcurrency('a', 5)
    await Promise.all(Array.from({ length: 10 }, (_, i) => r.submit('a', `more ${i}`, {})))
    while (r.running() < 5) await sleep(1)
    await sleep(20)
    expect(r.running()).toBe(5)
    release.open()
    await r.idle()
    expect(max.a).toBe(5)
    expect(() => r.setConcurrency('a', 0)).toThrow(/at least 1/)
  })

  describe('cancel works in every state', () => {
    it('queued: removed from the queue and never run', async () => {
      const gates = new Map()
      let ran = 0
      const r = start(
        {
          work: async (job, ctx) => {
            ran += 1
            await heldHandler(gates)(job, ctx)
          },
        },
        1,
      )
      const first = await r.submit('work', 'first', {})
      const second = await r.submit('work', 'second', {})
      const cancelled = await r.cancel(second.id)
      expect(cancelled.state).toBe('cancelled')
      await r.cancel(first.id)
      await r.idle()
      expect(ran).toBe(1)
      expect(store.get(second.id)?.state).toBe('cancelled')
      expect(statesOf(second.id)).toEqual(['queued', 'cancelled'])
    })

    it('running: the handler signal aborts and the job ends cancelled', async () => {
      let entered = false
      let aborted = false
      const r = start({
        work: (_job, ctx) => {
          entered = true
          return new Promise((_, reject) =>
            ctx.signal.addEventListener('abort', () => {
              aborted = true
              reject(ctx.signal.reason)
            }),
          )
        },
      })
      const job = await r.submit('work', 'long', {})
      while (!entered) await sleep(1)
      expect(r.running()).toBe(1)
      const result = await r.cancel(job.id)
      expect(aborted).toBe(true)
      expect(result.state).toBe('cancelled')
      expect(r.running()).toBe(0)
      expect(statesOf(job.id)).toEqual(['queued', 'running', 'cancelled'])
    })

    it('running, with a handler that ignores its signal: cancelled after the grace period', async () => {
      const held = gate()
      const r = start({ work: () => held.promise }, 1, 20)
      const job = await r.submit('work', 'stubborn', {})
      while (r.running() === 0) await sleep(1)
      expect((await r.cancel(job.id)).state).toBe('cancelled')
      held.open()
      await r.idle()
      expect(store.get(job.id)?.state).toBe('cancelled')
    })

    it('paused, interrupted and failed: cancelled; done and cancelled stay as they are', async () => {
      const r = start({ work: async () => {} })
      const at = new Date().toISOString()
      const base = { kind: 'work', title: 't', params: {}, progress: {}, attempts: 1, createdAt: at, updatedAt: at }
      for (const state of ['paused', 'interrupted', 'failed', 'done', 'cancelled'] as const) await store.put({ ...base, id: state, state })
      expect((await r.cancel('paused')).state).toBe('cancelled')
      expect((await r.cancel('interrupted')).state).toBe('cancelled')
      expect((await r.cancel('failed')).state).toBe('failed')
      expect((await r.cancel('done')).state).toBe('done')
      expect((await r.cancel('cancelled')).state).toBe('cancelled')
      await expect(r.cancel('missing')).rejects.toMatchObject({ code: 'not_found' })
    })
  })

  it('pause stops a running job at its checkpoint and resume continues from it', async () => {
    const seen: number[] = []
    const r = start({
      work: async (job, ctx) => {
        let next = (job.checkpoint as { next: number } | undefined)?.next ?? 0
        for (; next < 10; next++) {
          if (ctx.signal.aborted) return
          seen.push(next)
          await ctx.checkpoint({ next: next + 1 })
          if (next === 3 && job.attempts === 1) void r.pause(job.id)
          await sleep(1)
        }
      },
    })
    const job = await r.submit('work', 'steps', {})
    await r.idle()
    expect(store.get(job.id)).toMatchObject({ state: 'paused', checkpoint: { next: 4 } })
    await r.resume(job.id)
    await r.idle()
    expect(store.get(job.id)).toMatchObject({ state: 'done', attempts: 2, checkpoint: { next: 10 } })
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('pauses a queued job without running it, and resumes it later', async () => {
    const gates = new Map<string, ReturnType<typeof gate>>()
    const r = start({ work: heldHandler(gates) }, 1)
    const first = await r.submit('work', 'first', {})
    const second = await r.submit('work', 'second', {})
    expect((await r.pause(second.id)).state).toBe('paused')
    while (!gates.has(first.id)) await sleep(1)
    gates.get(first.id)!.open()
    await r.idle()
    expect(gates.has(second.id)).toBe(false)
    await r.resume(second.id)
    while (!gates.has(second.id)) await sleep(1)
    gates.get(second.id)!.open()
    await r.idle()
    expect(store.get(second.id)?.state).toBe('done')
    await expect(r.pause(second.id)).rejects.toMatchObject({ code: 'conflict' })
  })

  it('resumeInterrupted re-queues interrupted jobs with their checkpoint, and only those', async () => {
    const at = new Date().toISOString()
    const base = { kind: 'work', title: 't', params: {}, progress: {}, attempts: 1, createdAt: at, updatedAt: at }
    await store.put({ ...base, id: 'i1', state: 'running', checkpoint: { next: 7 } })
    await store.put({ ...base, id: 'i2', state: 'queued' })
    await store.put({ ...base, id: 'p', state: 'paused' })
    await store.close()
    store = await openJobStore({ dir })
    const started: Record<string, unknown> = {}
    const r = start({
      work: async (job) => {
        started[job.id] = job.checkpoint ?? null
      },
    })
    expect(r.list().map((j) => [j.id, j.state])).toEqual([
      ['i1', 'interrupted'],
      ['i2', 'interrupted'],
      ['p', 'paused'],
    ])
    await sleep(20)
    expect(started).toEqual({}) // nothing restarts by itself

    const resumed = await r.resumeInterrupted(['i1'])
    expect(resumed.map((j) => j.id)).toEqual(['i1'])
    await r.idle()
    expect(started).toEqual({ i1: { next: 7 } })
    await r.resumeInterrupted()
    await r.idle()
    expect(started).toEqual({ i1: { next: 7 }, i2: null })
    expect(store.get('p')?.state).toBe('paused')
  })

  it('throttles progress events to about ten a second per job and computes a rate', async () => {
    let t = 0
    const clock = () => new Date(t)
    runner = createJobRunner({
      store,
      handlers: {
        work: async (_job, ctx) => {
          for (let i = 1; i <= 1000; i++) {
            t += 1 // 1 ms of "time" per update: 1000 updates in one second
            ctx.progress({ doneBytes: i * 100, totalBytes: 200_000 })
          }
        },
      },
      concurrency: 1,
      onChange: (v) => events.push(v),
      now: clock,
    })
    const job = await runner.submit('work', 'fast', {})
    await runner.idle()
    const progressEvents = events.filter((e) => e.id === job.id && e.state === 'running')
    // one for the start, then one per 100 ms of the handler's second
    expect(progressEvents.length).toBeGreaterThanOrEqual(10)
    expect(progressEvents.length).toBeLessThanOrEqual(12)
    const last = runner.get(job.id)!
    expect(last.state).toBe('done')
    expect(last.progress).toMatchObject({ doneBytes: 100_000, totalBytes: 200_000, bytesPerSecond: 100_000, etaSeconds: 1 })
  })

  it('no longer counts a job as running when its final state is announced', async () => {
    const countsAtFinish: number[] = []
    const r: JobRunner = createJobRunner({
      store,
      handlers: { work: async () => undefined },
      concurrency: 1,
      onChange: (v) => {
        if (v.state === 'done') countsAtFinish.push(r.running())
      },
    })
    runner = r
    await r.submit('work', 'quick', {})
    await r.idle()
    expect(countsAtFinish).toEqual([0])
  })

  it('close() stops running jobs and leaves them interrupted for the next start', async () => {
    const gates = new Map<string, ReturnType<typeof gate>>()
    const r = start({ work: heldHandler(gates) }, 1)
    const running = await r.submit('work', 'running', {})
    const waiting = await r.submit('work', 'waiting', {})
    while (r.running() === 0) await sleep(1)
    await r.close()
    expect(store.get(running.id)?.state).toBe('interrupted')
    expect(store.get(waiting.id)?.state).toBe('interrupted')
    await expect(r.submit('work', 'late', {})).rejects.toMatchObject({ message: /shutting down/ })
  })
})
