import { randomBytes } from 'node:crypto'
import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { JobView } from '../../../../shared/api'
import type { RemoteDeliveryView } from '../../../../shared/contract/flows'
import { AppError, toAppError } from '../../../../shared/errors'
import { appendAuditEntry, scopeOfOrigin, type AuditDetail } from '../../audit'
import { ensurePrivateDir } from '../../files/privateFiles'
import type { StoredJob, TypedJobContext } from '../../jobs'
import type { WorkflowServices } from '../../workflow'
import type { ArchiveRunCopy } from './archiveRunCopy'
import { sendCopyOnce, type AttemptOutcome } from './deliveryAttempt'
import { writeDeliveryBody, type DeliveryBody } from './deliveryBody'
import {
  FINAL_DELIVERY_STATES,
  toRemoteDeliveryView,
  type DeliveredVersion,
  type DeliveryRecord,
  type DeliveryState,
} from './deliveryRecord'
import type { DeliverySchedule } from './deliverySchedule'
import type { DeliveryStore } from './deliveryStore'
import { DELIVER_JOB_KIND, type DeliverParams } from './deliverJob'
import { deliveryIdempotencyKey } from './idempotencyKey'
import type { RemoteArchiveConfig, RemoteTarget } from './remoteConfig'
import { auditableAddress } from './remoteUrl'

const ACTIVE_JOB_STATES = new Set(['queued', 'running', 'scheduled', 'paused', 'interrupted'])
/** A copy in these states is on its way: some delivery job must be there to send it. */
const DUE_DELIVERY_STATES: ReadonlySet<DeliveryState> = new Set(['pending', 'sending', 'waiting'])
export type DeliveryListener = (archiveId: string, view: RemoteDeliveryView | undefined) => void

/** The archive part's completed runs, as the remote part needs them (connected in index.ts). */
export interface CompletedRuns {
  /** Completed runs that added versions (so a copy is owed), with when they finished, oldest first. */
  owed(): { archiveId: string; finishedAt: string }[]
  /** A completed run's copy, its manifest read from the archive folder; undefined when it is not a completed run. */
  copyOf(archiveId: string): Promise<ArchiveRunCopy | undefined>
}

/**
 * Delivers the copy of each archive run to the remote archive: records it when the run completes,
 * sends it with one durable job (one attempt per run of the job, waits as scheduled runs), and keeps
 * its state where the archive run can show it. Every attempt's outcome is audited: status and key,
 * never the token or the payload.
 */
export class RemoteDeliverer {
  private readonly listeners = new Set<DeliveryListener>()
  private readonly shutdown = new AbortController()
  private readonly outbox: string
  /** Copies whose attempt runs now, so two jobs never send one copy at once. */
  private readonly inFlight = new Map<string, Promise<void>>()
  /** Recordings in progress, by archive run: see oneAtATime. */
  private readonly recording = new Map<string, Promise<unknown>>()
  private runs?: CompletedRuns

  constructor(
    private readonly services: WorkflowServices,
    private readonly store: DeliveryStore,
    private readonly config: RemoteArchiveConfig,
    private readonly schedule: DeliverySchedule,
  ) {
    this.outbox = join(services.dataDir, 'flows', 'remote-outbox')
  }

  /** Copies put together by an attempt that never finished (a crash) are of no use: removed at start. */
  async start(): Promise<void> {
    await ensurePrivateDir(this.outbox)
    for (const name of await readdir(this.outbox)) await rm(join(this.outbox, name), { force: true })
  }

  close(): void {
    this.shutdown.abort()
  }

  deliveryOf(archiveId: string): RemoteDeliveryView | undefined {
    const record = this.store.get(archiveId)
    return record ? toRemoteDeliveryView(record) : undefined
  }

  onChange(listener: DeliveryListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Records the copy of a completed archive run and, when a remote archive is on, queues its delivery.
   * Safe to call again for the same run (an archive job resumed after a crash, the start's catch-up): the
   * same content keeps its delivery as it is. Returns what the run shows (nothing when no remote archive
   * is on, or when the run found nothing new: it has no copy). A record that cannot be saved is not kept,
   * so the next start records it again.
   */
  async recordRun(copy: ArchiveRunCopy): Promise<RemoteDeliveryView | undefined> {
    const versions = versionsOf(copy)
    if (versions.length === 0) return undefined
    return this.oneAtATime(copy.archive.id, async () => {
      const { archive } = copy
      const idempotencyKey = deliveryIdempotencyKey(archive.flowId, versions)
      const existing = this.store.get(archive.id)
      if (existing && existing.idempotencyKey === idempotencyKey && existing.state !== 'unsent') return toRemoteDeliveryView(existing)
      const settings = this.config.view()
      const on = settings.enabled && settings.url !== ''
      const scope = await this.services.scope(copy.profileId ?? this.services.profiles.activeId()).catch(() => this.services.systemScope)
      const record: DeliveryRecord = {
        archiveId: archive.id,
        flowId: archive.flowId,
        flowName: archive.flowName,
        folder: archive.folder,
        profileName: scope.profile,
        orgName: scope.org,
        versions,
        idempotencyKey,
        createdAt: this.services.now().toISOString(),
        state: on ? 'pending' : 'unsent',
        attempts: 0,
      }
      this.store.put(record)
      try {
        await this.store.save()
      } catch (error) {
        this.store.restore(archive.id, existing)
        throw error
      }
      if (on && !this.jobOf(archive.id)) await this.submit(record)
      this.changed(record)
      return toRemoteDeliveryView(record)
    })
  }

  /** Where completed archive runs are found: for Send copy on a run this part never recorded, and for catchUp. */
  setRuns(runs: CompletedRuns): void {
    this.runs = runs
  }

  /**
   * At start: what a stop between an archive's completion and its copy's delivery job left undone. The
   * archive part's announcement of a completed run is not durable (the app can stop before the copy is
   * recorded), so every completed run that added versions and has no record is recorded now, and every
   * copy recorded as due without a delivery job (a stop between recording and queueing) is queued. A run
   * whose folder cannot be read now is left for Send copy, which says why, and looked at again next start.
   */
  async catchUp(): Promise<void> {
    const runs = this.runs
    if (!runs) return
    const prunedThrough = this.store.prunedThrough
    for (const { archiveId, finishedAt } of runs.owed()) {
      if (this.store.get(archiveId) || (prunedThrough !== undefined && finishedAt <= prunedThrough)) continue
      const copy = await runs.copyOf(archiveId).catch(() => undefined)
      if (copy) await this.recordRun(copy).catch(() => undefined)
    }
    for (const record of this.store.list()) {
      if (!DUE_DELIVERY_STATES.has(record.state)) continue
      await this.oneAtATime(record.archiveId, async () => {
        if (DUE_DELIVERY_STATES.has(record.state) && !this.jobOf(record.archiveId)) await this.submit(record)
      })
    }
  }

  /** Recording and queueing one run's copy, one call at a time: the listener and catchUp may meet at start. */
  private async oneAtATime<T>(archiveId: string, task: () => Promise<T>): Promise<T> {
    const before = this.recording.get(archiveId) ?? Promise.resolve()
    const result = before.then(task, task)
    const tail = result.catch(() => undefined)
    this.recording.set(archiveId, tail)
    try {
      return await result
    } finally {
      if (this.recording.get(archiveId) === tail) this.recording.delete(archiveId)
    }
  }

  /** Sends a run's copy (again): after a failure, after delivery, or for a run made while no remote archive was on. */
  async send(archiveId: string): Promise<{ accepted: boolean }> {
    this.config.target()
    const record = this.store.get(archiveId)
    if (!record) {
      const adopted = await this.adopt(archiveId)
      if (!adopted)
        throw new AppError({
          code: 'not_found',
          message: `No completed archive run ${archiveId} has a copy to send.`,
          hint: 'Only runs that finished and archived at least one new version have a copy (a run that found nothing new has none). Refresh the archive runs.',
        })
      this.auditSend(adopted, 'none')
      await this.services.audit.flush()
      return { accepted: true }
    }
    // An attempt that has just concluded is let finish, so its job is not mistaken for one still sending.
    if (FINAL_DELIVERY_STATES.has(record.state)) await this.inFlight.get(archiveId)?.catch(() => undefined)
    const active = this.jobOf(archiveId)
    // A running job whose copy is already final is only finishing: a new round starts.
    const finishing = active?.state === 'running' && FINAL_DELIVERY_STATES.has(record.state)
    if (active?.state === 'scheduled') await this.services.jobs().reschedule(active.id, this.services.now())
    else if (active?.state === 'paused' || active?.state === 'interrupted') await this.services.jobs().resume(active.id)
    else if (active && !finishing) return { accepted: false }
    const previous = record.state
    if (!active || finishing) {
      Object.assign(record, { state: 'pending', attempts: 0 })
      delete record.error
      delete record.nextAttemptAt
      await this.store.save()
      await this.submit(record)
    }
    this.auditSend(record, previous)
    await this.services.audit.flush()
    this.changed(record)
    return { accepted: true }
  }

  private auditSend(record: DeliveryRecord, previousState: string): void {
    appendAuditEntry(this.services.audit, scopeOfOrigin(record), 'flows.remote.send', targetOf(record), 'ok', {
      idempotencyKey: record.idempotencyKey,
      previousState,
    })
  }

  /** A completed run this part never recorded, recorded now (and queued, since a send needs the remote on). */
  private async adopt(archiveId: string): Promise<DeliveryRecord | undefined> {
    const copy = await this.runs?.copyOf(archiveId)
    if (!copy) return undefined
    await this.recordRun(copy)
    return this.store.get(archiveId)
  }

  /** One attempt: put the copy together, POST it once, and record what came of it. */
  async runAttempt(job: StoredJob<DeliverParams>, ctx: TypedJobContext<never>): Promise<void> {
    const archiveId = job.params.archiveId
    // Another job of the same copy is sending it right now (a retry raced a send): one attempt at a time.
    if (this.inFlight.has(archiveId)) return
    const attempt = this.attempt(archiveId, ctx)
    this.inFlight.set(archiveId, attempt)
    try {
      await attempt
    } finally {
      this.inFlight.delete(archiveId)
    }
  }

  private async attempt(archiveId: string, ctx: TypedJobContext<never>): Promise<void> {
    const record = this.store.get(archiveId)
    if (!record || record.state === 'unsent' || record.state === 'delivered' || record.state === 'already-archived') return
    // Run again after it failed: only the admin does that (Retry in Jobs), and it starts a new round.
    if (record.state === 'failed') record.attempts = 0
    const signal = AbortSignal.any([ctx.signal, this.shutdown.signal])
    const bodyPath = join(this.outbox, `${archiveId.replace(/[^\w-]/g, '_')}.${randomBytes(6).toString('hex')}.multipart`)
    let target: RemoteTarget
    let body: DeliveryBody
    try {
      target = this.config.target()
      body = await writeDeliveryBody(record, bodyPath)
    } catch (error) {
      await rm(bodyPath, { force: true })
      await this.conclude(record, { kind: 'failed', error: toAppError(error) }, undefined, ctx)
      throw toAppError(error)
    }
    let outcome: AttemptOutcome
    try {
      Object.assign(record, { state: 'sending', attempts: record.attempts + 1 })
      delete record.nextAttemptAt
      await this.store.save()
      this.changed(record)
      ctx.progress({ step: `Attempt ${record.attempts} of ${this.schedule.maxAttempts} to ${target.url.host}`, totalBytes: body.size })
      outcome = await sendCopyOnce({
        target,
        body,
        idempotencyKey: record.idempotencyKey,
        attempt: record.attempts,
        schedule: this.schedule,
        signal,
      })
    } finally {
      await rm(bodyPath, { force: true })
    }
    await this.conclude(record, outcome, { target, body }, ctx)
    // A stop (pause, quit) ends the run with its reason so the job is paused or interrupted, not done.
    if (outcome.kind === 'stopped') throw signal.reason ?? new AppError({ code: 'cancelled', message: 'Stopped.', hint: '' })
    if (outcome.kind === 'failed') throw outcome.error
  }

  /** The job was cancelled (Jobs panel) or failed outside an attempt: the run shows it, not a copy forever pending. */
  async onJob(job: JobView): Promise<void> {
    if (job.kind !== DELIVER_JOB_KIND || (job.state !== 'cancelled' && job.state !== 'failed')) return
    const archiveId = (this.services.jobStore().get(job.id)?.params as Partial<DeliverParams> | undefined)?.archiveId
    const record = archiveId === undefined ? undefined : this.store.get(archiveId)
    // Another job already sends this copy again: its state is the one that counts.
    if (!record || this.jobOf(record.archiveId)) return
    if (!record || FINAL_DELIVERY_STATES.has(record.state) || record.state === 'unsent') return
    const error =
      job.state === 'cancelled'
        ? new AppError({
            code: 'cancelled',
            message: 'Sending this copy was cancelled.',
            hint: 'Send the copy again from the archive run when you want it delivered.',
          })
        : AppError.fromData(
            job.error ?? new AppError({ code: 'internal', message: 'Sending this copy failed.', hint: 'Send it again.' }).toData(),
          )
    Object.assign(record, { state: 'failed', error: error.toData() })
    delete record.nextAttemptAt
    await this.store.save()
    this.changed(record)
  }

  private async conclude(
    record: DeliveryRecord,
    outcome: AttemptOutcome,
    sent: { target: RemoteTarget; body: DeliveryBody } | undefined,
    ctx: TypedJobContext<never>,
  ): Promise<void> {
    const now = this.services.now()
    const detail: AuditDetail = {
      attempt: record.attempts,
      idempotencyKey: record.idempotencyKey,
      versions: record.versions.length,
      ...(sent ? { address: auditableAddress(sent.target.url), files: sent.body.files, bytes: sent.body.size } : {}),
    }
    if (outcome.kind === 'stopped') {
      // Stopped by a pause or a quit: the same copy goes again when the job runs again.
      record.state = 'pending'
      await this.store.save()
      this.changed(record)
      return
    }
    if (outcome.kind === 'delivered' || outcome.kind === 'already-archived') {
      Object.assign(record, { state: outcome.kind, lastStatus: outcome.status, deliveredAt: now.toISOString() })
      delete record.error
      this.audit(record, 'ok', { ...detail, status: outcome.status, result: outcome.kind }, outcome.correlationId)
    } else if (outcome.kind === 'retry') {
      const at = new Date(now.getTime() + outcome.delayMs)
      Object.assign(record, { state: 'waiting', nextAttemptAt: at.toISOString(), error: outcome.reason.toData() })
      if (outcome.status !== undefined) record.lastStatus = outcome.status
      else delete record.lastStatus
      this.audit(
        record,
        'retry',
        { ...detail, status: outcome.status ?? null, result: 'waiting', waitMs: outcome.delayMs, code: outcome.reason.code },
        outcome.correlationId,
      )
      ctx.progress({
        step: `Waiting to send again (${outcome.reason.message})`,
        retry: {
          attempt: record.attempts + 1,
          maxAttempts: this.schedule.maxAttempts,
          at: at.toISOString(),
          reason: outcome.reason.message,
        },
      })
      ctx.runAgainAt(at)
    } else {
      Object.assign(record, { state: 'failed', error: outcome.error.toData() })
      if (outcome.status !== undefined) record.lastStatus = outcome.status
      this.audit(
        record,
        'error',
        { ...detail, status: outcome.status ?? null, result: 'failed', code: outcome.error.code },
        outcome.correlationId ?? outcome.error.correlationId,
      )
    }
    await this.store.save()
    await this.services.audit.flush()
    this.changed(record)
  }

  private audit(record: DeliveryRecord, outcome: 'ok' | 'retry' | 'error', detail: AuditDetail, correlationId?: string): void {
    appendAuditEntry(this.services.audit, scopeOfOrigin(record), 'flows.remote.deliver', targetOf(record), outcome, detail, correlationId)
  }

  private async submit(record: DeliveryRecord): Promise<void> {
    let host = ''
    try {
      host = ` to ${new URL(this.config.view().url).host}`
    } catch {
      // No address to name: the job will say why it cannot send.
    }
    await this.services.jobs().submit(DELIVER_JOB_KIND, `Send the archive copy of ${record.flowName || record.flowId}${host}`, {
      archiveId: record.archiveId,
    } satisfies DeliverParams)
  }

  private jobOf(archiveId: string): StoredJob | undefined {
    return this.services
      .jobStore()
      .list()
      .find(
        (j) =>
          j.kind === DELIVER_JOB_KIND && (j.params as Partial<DeliverParams>).archiveId === archiveId && ACTIVE_JOB_STATES.has(j.state),
      )
  }

  private changed(record: DeliveryRecord): void {
    const view = toRemoteDeliveryView(record)
    for (const listener of this.listeners) listener(record.archiveId, view)
  }
}

function targetOf(record: DeliveryRecord): string {
  return `flows/${record.flowId}/archive-runs/${record.archiveId}`
}

/** The versions the run added, as the manifest lists them: what its copy carries. */
function versionsOf(copy: ArchiveRunCopy): DeliveredVersion[] {
  const wanted = new Set(copy.versionIds)
  const rows = copy.manifest.versions.filter((v) => wanted.has(v.id))
  if (rows.length !== wanted.size) {
    const listed = new Set(rows.map((v) => v.id))
    const missing = [...wanted].filter((id) => !listed.has(id))
    throw new AppError({
      code: 'internal',
      message: `The archive run's manifest does not list ${missing.length} of its versions (${missing.slice(0, 3).join(', ')}).`,
      hint: 'Run Verify on the archive folder, then archive the flow again.',
    })
  }
  const unique = new Map(rows.map((v) => [v.id, { id: v.id, sha256: v.sha256, sizeBytes: v.sizeBytes, file: v.file }]))
  return [...unique.values()]
}
