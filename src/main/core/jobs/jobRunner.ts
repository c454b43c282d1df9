/**
 * Runs stored jobs through their handlers: one p-queue per kind enforces that kind's concurrency,
 * every state change is written to the store before it is announced, progress is announced at most
 * ten times a second per job and persisted at most once a second, and cancel / pause / resume work
 * from any state where they make sense.
 */
import { randomUUID } from 'node:crypto'
import PQueue from 'p-queue'
import type { JobProgress, JobView } from '../../../shared/api'
import { AppError, toAppError } from '../../../shared/errors'
import type { JobHandler, JobPatch, JobRunner, JobRunnerOptions, JobStore, StoredJob } from './jobTypes'
import { ProgressTracker } from './progressTracker'

const EMIT_INTERVAL_MS = 100
const PERSIST_PROGRESS_MS = 1000
const DEFAULT_STOP_GRACE_MS = 10_000

type StopReason = 'cancel' | 'pause' | 'shutdown'

/** A job this runner has queued or is running. */
interface Slot {
  controller: AbortController
  started: boolean
  stopReason?: StopReason
  progress?: JobProgress
  tracker: ProgressTracker
  lastPersist: number
  settled: Promise<void>
  release: () => void
}

interface EmitState {
  last: number
  timer?: NodeJS.Timeout
}

export function createJobRunner(opts: JobRunnerOptions): JobRunner {
  return new QueueJobRunner(opts)
}

export function toJobView(job: StoredJob, progress: JobProgress = job.progress): JobView {
  const view: JobView = { id: job.id, kind: job.kind, title: job.title, state: job.state, progress, createdAt: job.createdAt, updatedAt: job.updatedAt }
  if (job.error) view.error = job.error
  return view
}

class QueueJobRunner implements JobRunner {
  private readonly store: JobStore
  private readonly handlers: Record<string, JobHandler>
  private readonly limits = new Map<string, number>()
  private readonly defaultLimit: number
  private readonly queues = new Map<string, PQueue>()
  private readonly slots = new Map<string, Slot>()
  private readonly emits = new Map<string, EmitState>()
  private readonly now: () => Date
  private readonly stopGraceMs: number
  private runningCount = 0
  private closing = false

  constructor(private readonly opts: JobRunnerOptions) {
    this.store = opts.store
    this.handlers = opts.handlers
    this.now = opts.now ?? (() => new Date())
    this.stopGraceMs = opts.stopGraceMs ?? DEFAULT_STOP_GRACE_MS
    if (typeof opts.concurrency === 'number') {
      this.defaultLimit = checkLimit(opts.concurrency)
    } else {
      this.defaultLimit = 1
      for (const [kind, n] of Object.entries(opts.concurrency)) this.limits.set(kind, checkLimit(n))
    }
  }

  async submit<P>(kind: string, title: string, params: P): Promise<StoredJob<P>> {
    this.assertOpen()
    if (!this.handlers[kind]) {
      throw new AppError({ code: 'invalid_input', message: `Unknown job kind "${kind}".`, hint: 'This is a bug in Switchboard: the workflow has no job handler.' })
    }
    const at = this.now().toISOString()
    const job = await this.store.put({ id: randomUUID(), kind, title, state: 'queued', params, progress: {}, attempts: 0, createdAt: at, updatedAt: at })
    this.emitNow(job)
    this.enqueue(job)
    return job as StoredJob<P>
  }

  async cancel(id: string): Promise<StoredJob> {
    const job = this.require(id)
    const slot = this.slots.get(id)
    if (slot?.started) return this.stopRunning(id, slot, 'cancel', 'cancelled')
    if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') return job
    slot?.controller.abort(stopError('cancel'))
    return this.change(id, { state: 'cancelled' })
  }

  async pause(id: string): Promise<StoredJob> {
    const job = this.require(id)
    const slot = this.slots.get(id)
    if (slot?.started) return this.stopRunning(id, slot, 'pause', 'paused')
    if (job.state === 'paused') return job
    if (job.state !== 'queued') throw conflict(`Only a queued or running job can be paused; this one is ${job.state}.`)
    slot?.controller.abort(stopError('pause'))
    return this.change(id, { state: 'paused' })
  }

  async resume(id: string): Promise<StoredJob> {
    this.assertOpen()
    const job = this.require(id)
    if (job.state === 'queued' || job.state === 'running') return job
    if (job.state !== 'paused' && job.state !== 'interrupted' && job.state !== 'failed') {
      throw conflict(`A ${job.state} job cannot be resumed.`)
    }
    await this.slots.get(id)?.settled // a pause that outlived its grace period
    const queued = await this.change(id, { state: 'queued', error: undefined })
    this.enqueue(queued)
    return queued
  }

  async resumeInterrupted(ids?: string[]): Promise<StoredJob[]> {
    const wanted = ids ?? this.store.list().filter((j) => j.state === 'interrupted').map((j) => j.id)
    const resumed: StoredJob[] = []
    for (const id of wanted) {
      if (this.require(id).state === 'interrupted') resumed.push(await this.resume(id))
    }
    return resumed
  }

  list(): JobView[] {
    return this.store.list().map((job) => toJobView(job, this.slots.get(job.id)?.progress ?? job.progress))
  }

  get(id: string): JobView | undefined {
    const job = this.store.get(id)
    return job && toJobView(job, this.slots.get(id)?.progress ?? job.progress)
  }

  running(): number {
    return this.runningCount
  }

  setConcurrency(kind: string, n: number): void {
    this.limits.set(kind, checkLimit(n))
    const queue = this.queues.get(kind)
    if (queue) queue.concurrency = n
  }

  async idle(): Promise<void> {
    while (this.slots.size > 0) await Promise.all([...this.slots.values()].map((s) => s.settled))
  }

  async close(): Promise<void> {
    if (this.closing) return
    this.closing = true
    const stops: Promise<unknown>[] = []
    for (const [id, slot] of this.slots) {
      if (slot.started) stops.push(this.stopRunning(id, slot, 'shutdown', 'interrupted'))
      else {
        slot.controller.abort(stopError('shutdown'))
        if (this.store.get(id)?.state === 'queued') stops.push(this.change(id, { state: 'interrupted' }))
      }
    }
    await Promise.allSettled(stops)
    for (const emit of this.emits.values()) if (emit.timer) clearTimeout(emit.timer)
    await this.store.flush()
  }

  // ---- running ----

  private enqueue(job: StoredJob): void {
    let release!: () => void
    const settled = new Promise<void>((resolve) => (release = resolve))
    const slot: Slot = { controller: new AbortController(), started: false, tracker: new ProgressTracker(), lastPersist: 0, settled, release }
    this.slots.set(job.id, slot)
    this.queue(job.kind)
      .add(() => this.execute(job.id, slot), { signal: slot.controller.signal })
      .catch(() => {
        // Aborted while waiting (cancel, pause, close): those record the state themselves.
        if (!slot.started) this.releaseSlot(job.id, slot)
      })
  }

  private async execute(id: string, slot: Slot): Promise<void> {
    slot.started = true
    const job = this.store.get(id)
    if (!job || job.state !== 'queued' || slot.controller.signal.aborted) {
      this.releaseSlot(id, slot)
      return
    }
    this.runningCount += 1
    let counted = true
    // The job stops counting as running before its final state is announced, so listeners of that
    // announcement (the status bar's "jobs running") never see it still counted.
    const uncount = () => {
      if (counted) this.runningCount -= 1
      counted = false
    }
    try {
      const running = await this.change(id, { state: 'running', attempts: job.attempts + 1, error: undefined })
      slot.progress = running.progress
      const handler = this.handlers[job.kind]
      let failure: unknown
      try {
        if (!handler) throw new AppError({ code: 'internal', message: `No handler for job kind "${job.kind}".`, hint: 'This version of Switchboard cannot run this job; cancel it.' })
        // Stopped while it was being marked running: the handler would never see the abort event.
        slot.controller.signal.throwIfAborted()
        await handler(running, this.contextFor(id, slot))
      } catch (error) {
        failure = error ?? new Error('The job failed without a reason.')
      }
      uncount()
      await this.recordOutcome(id, slot, failure)
    } catch (error) {
      // The store could not record the outcome: keep the job visible as failed if at all possible.
      await this.change(id, { state: 'failed', error: toAppError(error).toData() }).catch(() => undefined)
    } finally {
      uncount()
      this.releaseSlot(id, slot)
    }
  }

  private async recordOutcome(id: string, slot: Slot, failure: unknown): Promise<void> {
    const current = this.store.get(id)
    if (!current || current.state !== 'running') return // a stop that outlived its grace period recorded it
    const progress = slot.progress ?? current.progress
    const patch: JobPatch = { progress }
    if (slot.stopReason === 'cancel') patch.state = 'cancelled'
    else if (slot.stopReason === 'pause') patch.state = 'paused'
    else if (slot.stopReason === 'shutdown') patch.state = failure === undefined ? 'done' : 'interrupted'
    else if (failure === undefined) patch.state = 'done'
    else Object.assign(patch, { state: 'failed', error: toAppError(failure).toData() })
    await this.change(id, patch)
  }

  private contextFor(id: string, slot: Slot) {
    return {
      signal: slot.controller.signal,
      progress: (p: JobProgress) => this.onProgress(id, slot, p),
      checkpoint: async (c: unknown) => {
        await this.store.patch(id, { checkpoint: c })
      },
    }
  }

  private onProgress(id: string, slot: Slot, p: JobProgress): void {
    const job = this.store.get(id)
    if (!job || job.state !== 'running') return
    const t = this.now().getTime()
    slot.progress = slot.tracker.update(slot.progress ?? job.progress, p, t)
    if (t - slot.lastPersist >= PERSIST_PROGRESS_MS) {
      slot.lastPersist = t
      void this.store.patch(id, { progress: slot.progress }, { durable: false }).catch(() => undefined)
    }
    this.emitThrottled(id)
  }

  /** Aborts a running handler, waits for it (up to the grace period), then records the state. */
  private async stopRunning(id: string, slot: Slot, reason: StopReason, state: 'cancelled' | 'paused' | 'interrupted'): Promise<StoredJob> {
    slot.stopReason ??= reason
    slot.controller.abort(stopError(reason))
    let timer: NodeJS.Timeout | undefined
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.stopGraceMs)))
    await Promise.race([slot.settled, grace])
    clearTimeout(timer)
    const current = this.require(id)
    if (current.state === 'running') return this.change(id, { state, progress: slot.progress ?? current.progress })
    return current
  }

  private releaseSlot(id: string, slot: Slot): void {
    if (this.slots.get(id) === slot) this.slots.delete(id)
    slot.release()
  }

  private queue(kind: string): PQueue {
    let queue = this.queues.get(kind)
    if (!queue) {
      queue = new PQueue({ concurrency: this.limits.get(kind) ?? this.defaultLimit })
      this.queues.set(kind, queue)
    }
    return queue
  }

  // ---- state and events ----

  private async change(id: string, patch: JobPatch): Promise<StoredJob> {
    const job = await this.store.patch(id, patch)
    this.emitNow(job)
    return job
  }

  private emitNow(job: StoredJob): void {
    const emit = this.emitState(job.id)
    if (emit.timer) clearTimeout(emit.timer)
    emit.timer = undefined
    emit.last = this.now().getTime()
    this.notify(toJobView(job, this.slots.get(job.id)?.progress ?? job.progress))
  }

  private emitThrottled(id: string): void {
    const emit = this.emitState(id)
    const t = this.now().getTime()
    const wait = emit.last + EMIT_INTERVAL_MS - t
    if (wait <= 0) {
      const job = this.store.get(id)
      if (job) this.emitNow(job)
      return
    }
    emit.timer ??= setTimeout(() => {
      emit.timer = undefined
      const job = this.store.get(id)
      if (job) this.emitNow(job)
    }, wait).unref()
  }

  private emitState(id: string): EmitState {
    let emit = this.emits.get(id)
    if (!emit) {
      emit = { last: 0 }
      this.emits.set(id, emit)
    }
    return emit
  }

  private notify(view: JobView): void {
    try {
      this.opts.onChange?.(view)
    } catch {
      // A listener's bug must not stop the jobs.
    }
  }

  private require(id: string): StoredJob {
    const job = this.store.get(id)
    if (!job) throw new AppError({ code: 'not_found', message: `No job with id ${id}.`, hint: 'Refresh the job list.' })
    return job
  }

  private assertOpen(): void {
    if (this.closing) throw new AppError({ code: 'internal', message: 'The job runner is shutting down.', hint: 'Start the job again after Switchboard restarts.' })
  }
}

function checkLimit(n: number): number {
  if (!Number.isInteger(n) || n < 1) {
    throw new AppError({ code: 'invalid_input', message: `Concurrency must be a whole number of at least 1 (got ${n}).`, hint: 'Choose 1 or more.' })
  }
  return n
}

function stopError(reason: StopReason): AppError {
  const message = { cancel: 'The job was cancelled.', pause: 'The job was paused.', shutdown: 'Switchboard is shutting down.' }[reason]
  return new AppError({ code: 'cancelled', message, hint: reason === 'cancel' ? 'Start it again if you still need it.' : 'Resume it to continue from its last checkpoint.' })
}

function conflict(message: string): AppError {
  return new AppError({ code: 'conflict', message, hint: 'Refresh the job list and try again.' })
}
