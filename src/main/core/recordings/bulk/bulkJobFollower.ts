import type { BulkJobView } from '../../../../shared/contract/recordings'
import { toAppError } from '../../../../shared/errors'
import type { StoredJob, TypedJobContext } from '../../jobs'
import type { WorkflowServices } from '../../workflow'
import { appendAuditEntry, scopeOfOrigin } from '../../audit'
import { bulkJobTarget } from './bulkAudit'
import type { BulkJobStore, OwnBulkJob } from './bulkJobStore'
import { BULK_FOLLOW_JOB_KIND, type BulkFollowParams } from './followJob'
import { followDelayMs, type BulkFollowSchedule } from './followSchedule'
import { isFollowed, toBulkJobView } from './jobView'
import { getRecordingJob, type RecordingJob } from './recordingJobsApi'

const ACTIVE_JOB_STATES = new Set(['queued', 'running', 'scheduled', 'paused', 'interrupted'])

/**
 * Follows the bulk jobs this app made while they can change on their own (PENDING, PROCESSING, a
 * state it does not know): one scheduled job each in the job journal, so the following survives a
 * restart, with a wait that doubles while nothing changes (capped) and ends when the job is READY or
 * final. Each change is saved, audited and announced with `recordings.bulk.changed`.
 */
export class BulkJobFollower {
  private readonly controller = new AbortController()

  constructor(
    private readonly services: WorkflowServices,
    private readonly store: BulkJobStore,
    private readonly schedule: BulkFollowSchedule,
  ) {}

  /** At start: every followed job without its scheduled check gets one now. */
  async start(): Promise<void> {
    for (const own of this.store.list()) {
      if (!own.gone && isFollowed(own.last.state) && !this.jobOf(own.id)) await this.submit(own.id, 0)
    }
  }

  /** Checks `id` after the base wait (again from the start of the schedule: something just changed). */
  async follow(id: string): Promise<void> {
    const own = this.store.get(id)
    if (!own || own.gone || !isFollowed(own.last.state)) return
    own.unchangedChecks = 0
    const job = this.jobOf(id)
    const at = new Date(this.services.now().getTime() + this.schedule.baseMs)
    if (job?.state === 'scheduled') await this.services.jobs().reschedule(job.id, at)
    else if (!job) await this.submit(id, this.schedule.baseMs)
  }

  /** Stops following `id` (it became READY or final through the admin's own action). */
  async unfollow(id: string): Promise<void> {
    const job = this.jobOf(id)
    if (job) await this.services.jobs().cancel(job.id)
  }

  async runScheduledCheck(job: StoredJob<BulkFollowParams>, ctx: TypedJobContext<never>): Promise<void> {
    const id = job.params.jobId
    const own = this.store.get(id)
    if (!own || own.gone || !isFollowed(own.last.state)) return
    const signal = AbortSignal.any([ctx.signal, this.controller.signal])
    await this.check(own, signal)
    if (signal.aborted) {
      ctx.runAgainAt(this.services.now())
      return
    }
    if (!own.gone && isFollowed(own.last.state)) {
      ctx.runAgainAt(new Date(this.services.now().getTime() + followDelayMs(own.unchangedChecks, this.schedule)))
    }
  }

  /** Records what Genesys Cloud now says of one of this app's jobs: saved, audited on a state change, announced. */
  async observe(own: OwnBulkJob, remote: RecordingJob, via: string, correlationId?: string): Promise<BulkJobView> {
    const before = own.last
    const changed =
      before.state !== remote.state ||
      before.percentProgress !== remote.percentProgress ||
      before.totalRecordings !== remote.totalRecordings
    own.last = remote
    own.checkedAt = this.services.now().toISOString()
    own.unchangedChecks = changed ? 0 : own.unchangedChecks + 1
    if (before.state !== remote.state) {
      appendAuditEntry(
        this.services.audit,
        scopeOfOrigin(own),
        'recordings.bulk.status',
        bulkJobTarget(own.id),
        remote.state === 'FAILED' ? 'error' : 'ok',
        {
          action: own.action,
          from: before.state,
          to: remote.state,
          via,
          totalRecordings: remote.totalRecordings ?? null,
          totalFailedRecordings: remote.totalFailedRecordings ?? null,
        },
        correlationId,
      )
      this.announceFinish(own)
    }
    await this.store.save()
    // Written before the screen hears of it: what it shows is already in the audit log.
    await this.services.audit.flush()
    const view = toBulkJobView(remote, own)
    this.services.events.emit('recordings.bulk.changed', view)
    return view
  }

  async close(): Promise<void> {
    this.controller.abort()
  }

  private async check(own: OwnBulkJob, signal: AbortSignal): Promise<void> {
    try {
      const { client } = this.services.connections.clientFor(own.profileId)
      const answer = await getRecordingJob(client, own.id, signal)
      await this.observe(own, answer.data, 'check', answer.correlationId)
    } catch (error) {
      if (signal.aborted) return
      const failure = toAppError(error)
      own.unchangedChecks += 1
      if (failure.code === 'not_found') {
        own.gone = true
        appendAuditEntry(
          this.services.audit,
          scopeOfOrigin(own),
          'recordings.bulk.status',
          bulkJobTarget(own.id),
          'error',
          { action: own.action, from: own.last.state, to: 'NOT_FOUND', via: 'check' },
          failure.correlationId,
        )
      }
      await this.store.save()
      this.services.events.emit('recordings.bulk.changed', toBulkJobView(own.last, own, own.gone))
    } finally {
      await this.services.audit.flush()
    }
  }

  private announceFinish(own: OwnBulkJob): void {
    const state = own.last.state
    if (state !== 'FULFILLED' && state !== 'FAILED') return
    const failed = own.last.totalFailedRecordings ?? 0
    this.services.notify({
      id: `recordings-bulk-${own.id}`,
      level: state === 'FAILED' || failed > 0 ? 'warning' : 'info',
      message: `The ${own.action} bulk job ${own.id.slice(0, 8)} is ${state}${failed > 0 ? `; ${failed} recording(s) failed` : ''}.`,
      hint: 'Open Recordings, Bulk jobs, for its counts and failed recordings.',
    })
  }

  private async submit(id: string, delayMs: number): Promise<void> {
    const runAt = new Date(this.services.now().getTime() + delayMs)
    await this.services.jobs().submit(BULK_FOLLOW_JOB_KIND, `Follow recording bulk job ${id.slice(0, 8)}`, { jobId: id }, { runAt })
  }

  private jobOf(id: string): StoredJob | undefined {
    return this.services
      .jobStore()
      .list()
      .find(
        (j) => j.kind === BULK_FOLLOW_JOB_KIND && (j.params as Partial<BulkFollowParams>).jobId === id && ACTIVE_JOB_STATES.has(j.state),
      )
  }
}
