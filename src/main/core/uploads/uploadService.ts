/**
 * The uploads.* methods: inspect dropped paths, start a batch (one job per accepted file), list rows
 * and batches, and pause / resume / cancel / retry / clear them. Rows and batch summaries are pushed
 * as events whenever a job changes.
 */
import { randomUUID } from 'node:crypto'
import type { Handlers, JobView, ParsedInput, SignalName, SignalPayload } from '../../../shared/api'
import type {
  DuplicateReview,
  InspectedFile,
  InspectResult,
  StageCheck,
  UploadBatchView,
  UploadSettings,
  UploadView,
} from '../../../shared/contract/uploads'
import type { AuditLog, AuditScope } from '../audit'
import type { JobRunner, JobStore, StoredJob } from '../jobs'
import type { SettingsSlice } from '../kit'
import { BatchActivity } from './batchActivity'
import type { BatchStore, RefusedFile, UploadBatch } from './batchStore'
import { expandPaths } from './expandPaths'
import { precheckFile } from './precheck'
import type { StagingArea } from './stagingArea'
import { UPLOAD_JOB_KIND, type UploadJobParams } from './uploadJobTypes'
import { uploadNamesFor } from './uploadNames'
import { isUnfinished, refusedViews, toBatchView, toUploadView } from './uploadViews'
import { validateFile, type Validation } from './validate'

type UploadMethod = Extract<keyof Handlers, `uploads.${string}`>
export type UploadHandlers = Pick<Handlers, UploadMethod>

export interface UploadServiceDeps {
  /** Getters: the runner and its store exist only once every workflow is created. */
  runner(): JobRunner
  store(): JobStore
  batches: BatchStore
  settings: SettingsSlice<UploadSettings>
  audit: AuditLog
  /** The active profile and the audit scope of entries about it. */
  activeScope(): Promise<{ profileId: string; scope: AuditScope }>
  emit<S extends SignalName>(signal: S, payload: SignalPayload<S>): void
  /** Where the web shell copies dropped files; copies are deleted once nothing needs them. */
  staging: StagingArea
  reviewDuplicates(paths: string[]): Promise<DuplicateReview>
  now?: () => number
}

const VALIDATE_IN_PARALLEL = 8
const BATCH_EMIT_MS = 250

export class UploadService {
  private readonly batchTimers = new Map<string, NodeJS.Timeout>()
  private readonly now: () => number
  private readonly activity: BatchActivity

  constructor(private readonly deps: UploadServiceDeps) {
    this.now = deps.now ?? Date.now
    this.activity = new BatchActivity(this.now)
  }

  handlers(): UploadHandlers {
    return {
      'uploads.settings.get': async () => this.deps.settings.get(),
      'uploads.settings.set': async (patch) => this.setSettings(patch),
      'uploads.inspect': async ({ paths }) => this.inspect(paths),
      'uploads.stage.check': async ({ name, size, head }) => this.stageCheck(name, size, Buffer.from(head, 'base64')),
      'uploads.staged': async () => this.stagedList(),
      'uploads.discard': async ({ paths }) => this.discard(paths),
      'uploads.duplicates': async ({ paths }) => this.deps.reviewDuplicates(paths),
      'uploads.start': async (input) => this.start(input),
      'uploads.list': async () => ({ ...this.snapshot(), settings: this.deps.settings.get() }),
      'uploads.cancel': async ({ ids }) => this.cancel(ids),
      'uploads.pause': async ({ ids }) =>
        this.apply(ids, ['queued', 'hashing', 'uploading', 'confirming'], 'pause', (id) => this.deps.runner().pause(id)),
      'uploads.resume': async ({ ids }) => this.apply(ids, ['paused', 'interrupted'], 'resume', (id) => this.deps.runner().resume(id)),
      // A cancelled upload runs again from its checkpoint too: one whose bytes may have landed asks the report first.
      'uploads.retry': async ({ ids }) => this.apply(ids, ['failed', 'cancelled'], 'retry', (id) => this.deps.runner().resume(id)),
      'uploads.clear': async () => this.clear(),
    }
  }

  /** Called for every job change: pushes the row, and (throttled) its batch's summary. */
  onJobChange(view: JobView): void {
    if (view.kind !== UPLOAD_JOB_KIND) return
    const job = this.deps.store().get(view.id)
    if (!job) return
    const row = toUploadView(job, view.progress)
    // Uploaded or already in the org: nothing will read the staged copy again.
    if (row.state === 'done' || row.state === 'skipped') void this.deps.staging.release([row.path]).catch(() => undefined)
    this.deps.emit('upload.changed', row)
    this.scheduleBatch(row.batchId)
  }

  /** After the jobs have stopped: the batches' working time is stored up to now. */
  async close(): Promise<void> {
    for (const timer of this.batchTimers.values()) clearTimeout(timer)
    this.batchTimers.clear()
    for (const batch of this.activity.closeAll(this.deps.batches.list())) await this.deps.batches.put(batch).catch(() => undefined)
  }

  // ---- methods ----

  private async setSettings(patch: ParsedInput<'uploads.settings.set'>) {
    const settings = this.deps.settings.set(patch)
    this.deps.runner().setConcurrency(UPLOAD_JOB_KIND, settings.concurrency)
    this.deps.audit.append({
      ...(await this.deps.activeScope()).scope,
      action: 'uploads.settings.change',
      target: 'uploads',
      outcome: 'ok',
      detail: { maxFileBytes: settings.maxFileBytes, allowedTypes: settings.allowedTypes.join(','), concurrency: settings.concurrency },
    })
    return settings
  }

  private async inspect(paths: string[]): Promise<InspectResult> {
    const { checked, ignored } = await this.check(paths)
    await this.releaseRefused(checked)
    this.deps.staging.listed(checked.map(pathOf))
    return { files: inspectedList(checked), ignored }
  }

  private async stageCheck(name: string, size: number, head: Buffer): Promise<StageCheck> {
    const refusal = await precheckFile({ name, size, head }, this.deps.settings.get())
    if (!refusal) return { ok: true, slot: await this.deps.staging.reserve() }
    return { ok: false, path: this.deps.staging.rememberRefusal(refusal) }
  }

  /** What a reloaded page gets back: staged files not started yet, checked again. */
  private async stagedList(): Promise<InspectResult> {
    const { copies, refusals } = await this.deps.staging.pending(this.pathsInJobs())
    const { checked } = copies.length > 0 ? await this.check(copies) : { checked: [] }
    await this.releaseRefused(checked)
    const all = [...refusals.map((refusal): Validation => ({ ok: false, refusal })), ...checked]
    return { files: inspectedList(this.deps.staging.inListOrder(all, pathOf)), ignored: [] }
  }

  /** Only files not started: a copy an upload job may still read is deleted when that row is cleared. */
  private async discard(paths: string[]): Promise<{ removed: number }> {
    const used = this.pathsInJobs()
    return { removed: await this.deps.staging.release(paths.filter((path) => !used.has(path))) }
  }

  /** The files upload jobs were given (a staged copy among them is the job's until its row is cleared). */
  private pathsInJobs(): Set<string> {
    return new Set(this.uploadJobs().map((job) => (job.params as UploadJobParams).path))
  }

  /** A refused staged copy is never read again: its refusal is kept, its bytes go. */
  private async releaseRefused(checked: Validation[]): Promise<void> {
    for (const v of checked) {
      if (!v.ok && this.deps.staging.owns(v.refusal.path)) await this.deps.staging.refuseCopy(v.refusal)
    }
  }

  private async start(input: ParsedInput<'uploads.start'>): Promise<UploadBatchView> {
    const { checked } = await this.check(input.paths)
    const { profileId, scope } = await this.deps.activeScope()
    const refused: RefusedFile[] = checked.flatMap((v) => (v.ok ? [] : [v.refusal]))
    const batch: UploadBatch = {
      id: randomUUID(),
      createdAt: new Date(this.now()).toISOString(),
      profileId,
      profileName: scope.profile,
      orgName: scope.org,
      metadata: input.metadata,
      force: input.force,
      refused,
      workedMs: 0,
    }
    await this.deps.batches.put(batch)
    this.activity.started(batch.id)
    // The refusal is in the batch; a staged copy of a refused file is not kept a moment longer.
    await this.deps.staging.release(refused.map((file) => file.path))
    const accepted = checked.flatMap((v) => (v.ok ? [v.file] : []))
    const base = scope
    const { department, complianceTag, retentionDirective } = input.metadata
    this.deps.audit.append({
      ...base,
      action: 'recording.batch.started',
      target: `batch ${batch.id}`,
      outcome: 'ok',
      detail: {
        batchId: batch.id,
        files: checked.length,
        accepted: accepted.length,
        refused: refused.length,
        bytes: accepted.reduce((s, f) => s + f.size, 0),
        forced: input.force,
        department,
        complianceTag,
        retentionDirective,
      },
    })
    for (const file of refused) {
      this.deps.audit.append({
        ...base,
        action: 'recording.upload.refused',
        target: file.name,
        outcome: 'error',
        detail: { batchId: batch.id, size: file.size, reason: file.message },
      })
    }
    const uploadNames = uploadNamesFor(accepted.map((file) => file.name))
    for (const [index, file] of accepted.entries()) {
      const params: UploadJobParams = {
        batchId: batch.id,
        profileId,
        path: file.path,
        name: file.name,
        uploadName: uploadNames[index],
        durationSeconds: file.durationSeconds,
        size: file.size,
        type: file.type.type,
        metadata: input.metadata,
        force: input.force,
      }
      await this.deps.runner().submit(UPLOAD_JOB_KIND, file.name, params)
    }
    await this.deps.audit.flush()
    return this.batchView(batch)
  }

  private async cancel(ids: string[] | undefined): Promise<UploadView[]> {
    const targets = this.targets(ids, ['queued', 'hashing', 'uploading', 'confirming', 'paused', 'interrupted'])
    const views: UploadView[] = []
    for (const job of targets) {
      const before = this.liveView(job).state
      await this.deps.runner().cancel(job.id)
      const after = this.deps.store().get(job.id)
      if (!after) continue
      const view = toUploadView(after)
      // A job stopped at its very end may have uploaded after all: then its completion was audited.
      if (view.state === 'cancelled') {
        const params = after.params as UploadJobParams
        const batch = this.deps.batches.get(params.batchId)
        this.deps.audit.append({
          profile: batch?.profileName ?? '',
          org: batch?.orgName ?? '',
          action: 'recording.upload.cancelled',
          target: params.name,
          outcome: 'cancelled',
          detail: { jobId: job.id, batchId: params.batchId, stoppedWhile: before },
        })
      }
      views.push(view)
    }
    await this.deps.audit.flush()
    this.emitBatchesOf(views)
    return views
  }

  /** Runs `act` on each targeted row in one of `states`; one audit entry says what was done to how many. */
  private async apply(
    ids: string[] | undefined,
    states: UploadView['state'][],
    action: string,
    act: (id: string) => Promise<StoredJob>,
  ): Promise<UploadView[]> {
    const targets = this.targets(ids, states)
    const views: UploadView[] = []
    for (const job of targets) {
      const changed = await act(job.id).catch(() => undefined)
      const current = this.deps.store().get(job.id)
      if (changed && current) views.push(toUploadView(current))
    }
    // At once, not throttled: a pause stops the batch's clock when it was asked for.
    this.emitBatchesOf(views)
    if (views.length > 0) {
      this.deps.audit.append({
        ...(await this.deps.activeScope()).scope,
        action: `recording.upload.${action}`,
        target: `${views.length} upload(s)`,
        outcome: 'ok',
        detail: { count: views.length },
      })
    }
    return views
  }

  private async clear(): Promise<{ removed: number }> {
    const finished = this.uploadJobs().filter((job) => !isUnfinished(toUploadView(job).state))
    for (const job of finished) await this.deps.store().remove(job.id)
    await this.deps.staging.release(finished.map((job) => (job.params as UploadJobParams).path))
    const removedIds = finished.map((job) => job.id)
    let removed = finished.length
    const remaining = new Set(this.uploadJobs().map((job) => (job.params as UploadJobParams).batchId))
    const emptied: string[] = []
    for (const batch of this.deps.batches.list()) {
      removed += batch.refused.length
      batch.refused.forEach((_file, index) => removedIds.push(`refused:${batch.id}:${index}`))
      if (remaining.has(batch.id)) await this.deps.batches.put({ ...batch, refused: [] })
      else emptied.push(batch.id)
    }
    if (emptied.length > 0) await this.deps.batches.remove(emptied)
    this.deps.emit('upload.removed', { ids: removedIds, batchIds: emptied })
    for (const id of remaining) this.emitBatch(id)
    return { removed }
  }

  // ---- helpers ----

  private async check(paths: string[]): Promise<{ checked: Validation[]; ignored: InspectResult['ignored'] }> {
    const expanded = await expandPaths(paths)
    const rules = this.deps.settings.get()
    const checked: Validation[] = new Array(expanded.files.length)
    let next = 0
    const worker = async () => {
      while (next < expanded.files.length) {
        const index = next++
        const path = expanded.files[index]
        const known = this.deps.staging.refusalFor(path)
        checked[index] = known ? { ok: false, refusal: known } : await validateFile(path, rules)
      }
    }
    await Promise.all(Array.from({ length: VALIDATE_IN_PARALLEL }, worker))
    return { checked, ignored: expanded.ignored }
  }

  private uploadJobs(): StoredJob[] {
    return this.deps
      .store()
      .list()
      .filter((job) => job.kind === UPLOAD_JOB_KIND)
  }

  private targets(ids: string[] | undefined, states: UploadView['state'][]): StoredJob[] {
    const wanted = ids ? new Set(ids) : undefined
    return this.uploadJobs().filter((job) => (!wanted || wanted.has(job.id)) && states.includes(this.liveView(job).state))
  }

  private liveView(job: StoredJob): UploadView {
    return toUploadView(job, this.deps.runner().get(job.id)?.progress ?? job.progress)
  }

  private snapshot(): { batches: UploadBatchView[]; rows: UploadView[] } {
    const rows = this.uploadJobs().map((job) => this.liveView(job))
    const byBatch = new Map<string, UploadView[]>()
    for (const batch of this.deps.batches.list()) byBatch.set(batch.id, refusedViews(batch))
    for (const row of rows) byBatch.get(row.batchId)?.push(row)
    const batches = this.deps.batches.list().map((batch) => this.toView(batch, byBatch.get(batch.id) ?? []))
    return { batches, rows: [...this.deps.batches.list().flatMap(refusedViews), ...rows] }
  }

  private batchView(batch: UploadBatch): UploadBatchView {
    const rows = [
      ...refusedViews(batch),
      ...this.uploadJobs()
        .filter((job) => (job.params as UploadJobParams).batchId === batch.id)
        .map((job) => this.liveView(job)),
    ]
    return this.toView(batch, rows)
  }

  /** The batch's view; a working stretch that began or ended is noted (and a closed one stored). */
  private toView(batch: UploadBatch, rows: UploadView[]): UploadBatchView {
    const closed = this.activity.observe(batch, rows)
    if (closed) void this.deps.batches.put(closed).catch(() => undefined)
    const current = closed ?? batch
    return toBatchView(current, rows, this.now(), this.activity.workedMs(current, rows))
  }

  private emitBatchesOf(views: UploadView[]): void {
    for (const batchId of new Set(views.map((view) => view.batchId))) this.emitBatch(batchId)
  }

  private scheduleBatch(batchId: string): void {
    if (this.batchTimers.has(batchId)) return
    const timer = setTimeout(() => {
      this.batchTimers.delete(batchId)
      this.emitBatch(batchId)
    }, BATCH_EMIT_MS)
    timer.unref()
    this.batchTimers.set(batchId, timer)
  }

  private emitBatch(batchId: string): void {
    const batch = this.deps.batches.get(batchId)
    if (!batch) return
    const view = this.batchView(batch)
    this.deps.emit('upload.batchChanged', view)
    // batchView may have stored the batch's working time: summarize the batch as it is now.
    this.recordSummary(this.deps.batches.get(batchId) ?? batch, view)
  }

  /** The summary goes to the audit log each time the batch finishes (again, after a retry). */
  private recordSummary(batch: UploadBatch, view: UploadBatchView): void {
    if (view.finished === (batch.summarizedAt !== undefined)) return
    if (!view.finished) {
      void this.deps.batches.put({ ...batch, summarizedAt: undefined }).catch(() => undefined)
      return
    }
    const s = view.summary
    this.deps.audit.append({
      profile: batch.profileName,
      org: batch.orgName,
      action: 'recording.batch.finished',
      target: `batch ${batch.id}`,
      outcome: s.failed > 0 ? 'error' : 'ok',
      latencyMs: s.durationMs,
      detail: {
        batchId: batch.id,
        files: s.files,
        uploaded: s.uploaded,
        skipped: s.skipped,
        failed: s.failed,
        refused: s.refused,
        cancelled: s.cancelled,
        bytesUploaded: s.bytesUploaded,
        averageBytesPerSecond: s.averageBytesPerSecond,
      },
    })
    void this.deps.batches.put({ ...batch, summarizedAt: new Date(this.now()).toISOString() }).catch(() => undefined)
  }
}

/** The review list: each accepted file with the name it will be sent under (unique within the list). */
function inspectedList(checked: Validation[]): InspectedFile[] {
  const uploadNames = uploadNamesFor(checked.flatMap((v) => (v.ok ? [v.file.name] : [])))
  let accepted = 0
  return checked.map((v) => toInspected(v, v.ok ? uploadNames[accepted++] : undefined))
}

const pathOf = (v: Validation): string => (v.ok ? v.file.path : v.refusal.path)

function toInspected(validation: Validation, uploadName: string | undefined): InspectedFile {
  if (validation.ok) {
    const { path, name, size, type, durationSeconds } = validation.file
    const renamed = uploadName && uploadName !== name ? { uploadName } : {}
    return { path, name, size, type: type.type, contentLabel: type.label, durationSeconds, ...renamed }
  }
  const { path, name, size, message, hint, contentLabel } = validation.refusal
  return { path, name, size, refusal: message, hint, ...(contentLabel ? { contentLabel } : {}) }
}
