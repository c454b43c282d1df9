/**
 * Runs stored jobs through their handlers: one p-queue per kind enforces that kind's concurrency,
 * every state change is written to the store before it is announced, progress is announced at most
 * ten times a second per job and persisted at most once a second, and cancel / pause / resume work
 * from any state where they make sense. Scheduled jobs wait for their time under one timer, set for
 * the earliest due job; a stored job that fails its kind's schemas is marked damaged and never run.
 */
import { randomUUID } from 'node:crypto'
import PQueue from 'p-queue'
import type { JobProgress, JobView } from '../../../shared/api'
import { AppError, toAppError } from '../../../shared/errors'
import { jobDamagedError } from './jobKind'
import { isOrphaned, isOwnedElsewhere, ownerHere } from './jobOwner'
import type { JobContext, JobHandler, JobKind, JobPatch, JobRunner, JobRunnerOptions, JobStore, StoredJob, SubmitOptions } from './jobTypes'
import { ProgressTracker } from './progressTracker'

const EMIT_INTERVAL_MS = 100
const PERSIST_PROGRESS_MS = 1000
const DEFAULT_STOP_GRACE_MS = 10_000
/** The timer never waits longer than this at once, so a clock moved back cannot leave it set for days. */
const DEFAULT_MAX_TIMER_MS = 15 * 60_000
const JOURNAL_RETRY_MS = 5000
const FINISHED = new Set(['done', 'failed', 'cancelled'])

type StopReason = 'cancel' | 'pause' | 'shutdown'

/** A job this runner has queued or is running. */
interface Slot {
  controller: AbortController
  started: boolean
  stopReason?: StopReason
  /** Set by ctx.runAgainAt: the job waits as 'scheduled' after this run instead of ending. */
  nextRunAt?: Date
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
  const view: JobView = {
    id: job.id,
    kind: job.kind,
    title: job.title,
    state: job.state,
    progress,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  }
  if (job.error) view.error = job.error
  if (job.runAt) view.runAt = job.runAt
  return view
}

class QueueJobRunner implements JobRunner {
  private readonly store: JobStore
  private readonly handlers: Record<string, JobHandler>
  private readonly kinds = new Map<string, JobKind>()
  private readonly limits = new Map<string, number>()
  private readonly defaultLimit: number
  private readonly queues = new Map<string, PQueue>()
  private readonly slots = new Map<string, Slot>()
  private readonly emits = new Map<string, EmitState>()
  private readonly now: () => Date
  private readonly stopGraceMs: number
  private readonly maxTimerMs: number
  private runningCount = 0
  private closing = false
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly opts: JobRunnerOptions) {
    this.store = opts.store
    this.handlers = { ...opts.handlers }
    this.now = opts.now ?? (() => new Date())
    this.stopGraceMs = opts.stopGraceMs ?? DEFAULT_STOP_GRACE_MS
    this.maxTimerMs = opts.maxTimerMs ?? DEFAULT_MAX_TIMER_MS
    if (typeof opts.concurrency === 'number') {
      this.defaultLimit = checkLimit(opts.concurrency)
    } else {
      this.defaultLimit = 1
      for (const [kind, n] of Object.entries(opts.concurrency ?? {})) this.limits.set(kind, checkLimit(n))
    }
    for (const kind of opts.kinds ?? []) {
      this.kinds.set(kind.kind, kind)
      this.handlers[kind.kind] = kind.handler
      this.limits.set(kind.kind, checkLimit(kind.concurrency))
    }
  }

  async start(): Promise<{ damaged: string[] }> {
    const at = this.now()
    const damaged: string[] = []
    for (const job of this.store.list()) {
      if (FINISHED.has(job.state) || this.slots.has(job.id)) continue
      const damage = this.damageOf(job)
      if (damage) {
        await this.change(job.id, { state: 'failed', error: jobDamagedError(job, damage).toData(), runAt: undefined })
        damaged.push(job.id)
      } else if (job.state === 'interrupted' && this.kinds.get(job.kind)?.resumeAfterRestart)
        await this.change(job.id, { state: 'scheduled', runAt: at.toISOString() })
    }
    this.armTimer()
    return { damaged }
  }

  async submit<P>(kind: string, title: string, params: P, opts: SubmitOptions = {}): Promise<StoredJob<P>> {
    this.assertOpen()
    if (!this.handlers[kind]) {
      throw new AppError({
        code: 'invalid_input',
        message: `Unknown job kind "${kind}".`,
        hint: 'This is a bug in Switchboard: the workflow has no job handler.',
      })
    }
    const unfit = this.kinds.get(kind)?.damage({ kind, title, params } as StoredJob)
    if (unfit)
      throw new AppError({
        code: 'invalid_input',
        message: `The "${kind}" job was not started: ${unfit}.`,
        hint: 'This is a bug in Switchboard: the workflow submitted params its job kind does not accept.',
      })
    const at = this.now().toISOString()
    const waits = opts.runAt !== undefined && opts.runAt.getTime() > this.now().getTime()
    const job = await this.store.put({
      id: randomUUID(),
      kind,
      title,
      state: waits ? 'scheduled' : 'queued',
      params,
      progress: {},
      attempts: 0,
      createdAt: at,
      updatedAt: at,
      ...(waits && opts.runAt ? { runAt: opts.runAt.toISOString() } : {}),
    })
    this.emitNow(job)
    if (waits) this.armTimer()
    else this.enqueue(job)
    return job as StoredJob<P>
  }

  async reschedule(id: string, runAt: Date): Promise<StoredJob> {
    const job = this.require(id)
    if (job.state !== 'scheduled') throw conflict(`Only a scheduled job can be moved; this one is ${job.state}.`)
    return this.change(id, { runAt: runAt.toISOString() })
  }

  async cancel(id: string): Promise<StoredJob> {
    await this.store.refresh()
    const job = this.require(id)
    refuseIfElsewhere(job, 'cancelled')
    const slot = this.slots.get(id)
    if (slot?.started) return this.stopRunning(id, slot, 'cancel', 'cancelled')
    if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') return job
    slot?.controller.abort(stopError('cancel'))
    return this.change(id, { state: 'cancelled', runAt: undefined })
  }

  async refresh(): Promise<void> {
    await this.store.refresh()
  }

  async pause(id: string): Promise<StoredJob> {
    await this.store.refresh()
    const job = this.require(id)
    refuseIfElsewhere(job, 'paused')
    const slot = this.slots.get(id)
    if (slot?.started) return this.stopRunning(id, slot, 'pause', 'paused')
    if (job.state === 'paused') return job
    if (job.state !== 'queued' && job.state !== 'scheduled')
      throw conflict(`Only a queued, scheduled or running job can be paused; this one is ${job.state}.`)
    slot?.controller.abort(stopError('pause'))
    return this.change(id, { state: 'paused', runAt: undefined })
  }

  async resume(id: string): Promise<StoredJob> {
    this.assertOpen()
    await this.store.refresh()
    const job = this.require(id)
    if ((job.state === 'queued' || job.state === 'running' || job.state === 'scheduled') && !isOrphaned(job)) return job
    // Cancelled too: whether a cancelled job may run again is the workflow's call (jobs.resume refuses it).
    if (!RESUMABLE.has(job.state) && !isOrphaned(job)) {
      throw conflict(`A ${job.state} job cannot be resumed.`)
    }
    const damage = this.damageOf(job)
    if (damage) throw jobDamagedError(job, damage)
    await this.slots.get(id)?.settled // a pause that outlived its grace period
    // Taken under the journal's lock: another process resuming it at the same time gets it, or we do.
    const queued = await this.claim(id, (j) => (RESUMABLE.has(j.state) && !isOwnedElsewhere(j)) || isOrphaned(j), {
      state: 'queued',
      error: undefined,
    })
    if (!queued) return refuseIfElsewhere(this.require(id), 'resumed')
    this.enqueue(queued)
    return queued
  }

  async resumeInterrupted(ids?: string[]): Promise<StoredJob[]> {
    const wanted =
      ids ??
      this.store
        .list()
        .filter((j) => j.state === 'interrupted' || isOrphaned(j))
        .map((j) => j.id)
    const resumed: StoredJob[] = []
    for (const id of wanted) {
      const job = this.require(id)
      if (job.state === 'interrupted' || isOrphaned(job)) resumed.push(await this.resume(id))
    }
    return resumed
  }

  list(): JobView[] {
    return this.store.list().map((job) => toJobView(shown(job), this.slots.get(job.id)?.progress ?? job.progress))
  }

  get(id: string): JobView | undefined {
    const job = this.store.get(id)
    return job && toJobView(shown(job), this.slots.get(id)?.progress ?? job.progress)
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
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
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
    const slot: Slot = {
      controller: new AbortController(),
      started: false,
      tracker: new ProgressTracker(),
      lastPersist: 0,
      settled,
      release,
    }
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
    const damage = this.damageOf(job)
    if (damage) {
      await this.change(id, { state: 'failed', error: jobDamagedError(job, damage).toData() }).catch(() => undefined)
      this.releaseSlot(id, slot)
      return
    }
    let counted = !this.kinds.get(job.kind)?.background
    if (counted) this.runningCount += 1
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
        if (!handler)
          throw new AppError({
            code: 'internal',
            message: `No handler for job kind "${job.kind}".`,
            hint: 'This version of Switchboard cannot run this job; cancel it.',
          })
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
    const again =
      failure === undefined && slot.nextRunAt && slot.stopReason !== 'cancel' && slot.stopReason !== 'pause' ? slot.nextRunAt : undefined
    if (again) Object.assign(patch, { state: 'scheduled', runAt: again.toISOString() })
    else if (slot.stopReason === 'cancel') patch.state = 'cancelled'
    else if (slot.stopReason === 'pause') patch.state = 'paused'
    else if (slot.stopReason === 'shutdown') patch.state = failure === undefined ? 'done' : 'interrupted'
    else if (failure === undefined) patch.state = 'done'
    else Object.assign(patch, { state: 'failed', error: toAppError(failure).toData() })
    await this.change(id, patch)
  }

  private contextFor(id: string, slot: Slot): JobContext {
    return {
      signal: slot.controller.signal,
      progress: (p: JobProgress) => this.onProgress(id, slot, p),
      checkpoint: async (c: unknown) => {
        await this.store.patch(id, { checkpoint: c })
      },
      runAgainAt: (at: Date) => {
        slot.nextRunAt = at
      },
    }
  }

  // ---- scheduling ----

  /** One timer, for the earliest scheduled job; re-armed after every state change. */
  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (this.closing) return
    let earliest = Infinity
    for (const job of this.store.list()) {
      if (job.state === 'scheduled') earliest = Math.min(earliest, job.runAt ? Date.parse(job.runAt) || 0 : 0)
    }
    if (earliest === Infinity) return
    const wait = Math.min(this.maxTimerMs, Math.max(0, earliest - this.now().getTime()))
    this.timer = setTimeout(() => void this.fireDue(), wait)
    this.timer.unref?.()
  }

  private async fireDue(): Promise<void> {
    this.timer = undefined
    if (this.closing) return
    const now = this.now().getTime()
    const due = this.store
      .list()
      .filter((j) => j.state === 'scheduled' && !this.slots.has(j.id) && (!j.runAt || (Date.parse(j.runAt) || 0) <= now))
    for (const job of due) {
      try {
        const queued = await this.claim(job.id, (j) => j.state === 'scheduled', { state: 'queued', runAt: undefined })
        if (queued) this.enqueue(queued)
      } catch {
        // The journal refused the change: the job stays scheduled; try again in a while, not in a loop.
        this.armTimer()
        if (this.timer) clearTimeout(this.timer)
        this.timer = setTimeout(() => void this.fireDue(), JOURNAL_RETRY_MS)
        this.timer.unref?.()
        return
      }
    }
    this.armTimer()
  }

  private damageOf(job: StoredJob): string | undefined {
    try {
      return this.kinds.get(job.kind)?.damage(job)
    } catch {
      return 'it could not be checked'
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
    const job = await this.store.patch(id, withOwner(patch))
    this.emitNow(job)
    if ('state' in patch || 'runAt' in patch) this.armTimer()
    return job
  }

  /** A change made only if the job is still as `canTake` expects once other processes' changes are read. */
  private async claim(id: string, canTake: (job: StoredJob) => boolean, patch: JobPatch): Promise<StoredJob | undefined> {
    const job = await this.store.claim(id, canTake, withOwner(patch))
    if (!job) return undefined
    this.emitNow(job)
    this.armTimer()
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
      // Progress only: a state change announces itself (a final state seen here is still being saved).
      if (job?.state === 'running') this.emitNow(job)
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
    if (this.closing)
      throw new AppError({
        code: 'internal',
        message: 'The job runner is shutting down.',
        hint: 'Start the job again after Switchboard restarts.',
      })
  }
}

function checkLimit(n: number): number {
  if (!Number.isInteger(n) || n < 1) {
    throw new AppError({
      code: 'invalid_input',
      message: `Concurrency must be a whole number of at least 1 (got ${n}).`,
      hint: 'Choose 1 or more.',
    })
  }
  return n
}

function stopError(reason: StopReason): AppError {
  const message = { cancel: 'The job was cancelled.', pause: 'The job was paused.', shutdown: 'Switchboard is shutting down.' }[reason]
  return new AppError({
    code: 'cancelled',
    message,
    hint: reason === 'cancel' ? 'Start it again if you still need it.' : 'Resume it to continue from its last checkpoint.',
  })
}

/** A job its (other) process left queued or running when it died shows as what it is: interrupted. */
function shown(job: StoredJob): StoredJob {
  return isOrphaned(job) ? { ...job, state: 'interrupted' } : job
}

const RESUMABLE: ReadonlySet<string> = new Set(['paused', 'interrupted', 'failed', 'cancelled'])

/** Queued and running jobs belong to this process; any other state change lets them go. */
function withOwner(patch: JobPatch): JobPatch {
  if (patch.state === undefined) return patch
  return { ...patch, owner: patch.state === 'queued' || patch.state === 'running' ? ownerHere() : undefined }
}

/** A job queued or running in another live Switchboard process is controlled there. */
function refuseIfElsewhere(job: StoredJob, what: string): StoredJob {
  if (!isOwnedElsewhere(job)) return job
  throw new AppError({
    code: 'conflict',
    message: `“${job.title}” cannot be ${what} here: it is ${job.state} in another Switchboard process (pid ${job.owner?.pid}).`,
    hint: 'Pause or resume it in the process that runs it (the app or the command line); once that process stops, the job is interrupted and can be resumed here.',
  })
}

function conflict(message: string): AppError {
  return new AppError({ code: 'conflict', message, hint: 'Refresh the job list and try again.' })
}
