import { isKnownGdprRequestType, type GdprRequestType, type KnownGdprRequestType } from '../../../shared/contract/privacy'
import { toAppError, type AppError } from '../../../shared/errors'
import type { StoredJob, TypedJobContext } from '../jobs'
import type { WorkflowServices } from '../workflow'
import { getGdprRequest, type GdprRequest } from './gdprApi'
import { auditPrivacy, requestTarget } from './privacyAudit'
import { delayAfterFailureMs, pollDelayMs, type PollSchedule } from './pollSchedule'
import { applyRemote } from './remoteRequest'
import type { RequestStore } from './requestStore'
import { isTracking, type TrackedRequest } from './trackedRequest'
import { PRIVACY_TRACK_JOB_KIND, type PrivacyTrackParams } from './trackingJob'

const TYPE_WORDS: Record<KnownGdprRequestType, string> = {
  GDPR_EXPORT: 'GDPR export',
  GDPR_UPDATE: 'GDPR update',
  GDPR_DELETE: 'GDPR delete',
}
/** A type added to the platform later is named as it comes. */
const typeWords = (type: GdprRequestType) => (isKnownGdprRequestType(type) ? TYPE_WORDS[type] : type)

/**
 * Checks every tracked request on its own backoff schedule (pollSchedule.ts). Each tracked request
 * has one scheduled job (trackingJob.ts) that the job runner wakes at nextCheckAt: the wait is in the
 * job journal, survives restarts, and never counts as a running job. Token expiry and 401s are the
 * client's business (it refreshes and re-sends once); a 429 is waited out by the client per
 * Retry-After, and one that lasts pushes the next check out to the schedule's floor. Every status
 * change is audited and announced; completion once.
 */
export class RequestTracker {
  private readonly inFlight = new Map<string, Promise<void>>()
  private readonly submitting = new Map<string, Promise<void>>()
  private readonly controller = new AbortController()
  private closed = false

  constructor(
    private readonly services: WorkflowServices,
    private readonly store: RequestStore,
    private readonly schedule: PollSchedule,
  ) {}

  /**
   * At start: every tracked request gets its job if it has none (requests tracked by an older version,
   * from requests.json, or whose job was cancelled); overdue first checks are spread out a little rather
   * than all sent at once, and a wait longer than the schedule allows (the clock was moved back) is cut.
   */
  async start(): Promise<void> {
    const now = this.nowMs()
    const step = Math.min(this.schedule.baseMs, 1000)
    let spread = 0
    for (const request of this.store.list().filter(isTracking)) {
      const job = this.jobOf(request.id)
      const at = request.nextCheckAt ? Date.parse(request.nextCheckAt) : NaN
      const tooFar = !(at <= now + this.schedule.capMs)
      if (job?.state === 'scheduled' && job.runAt && Date.parse(job.runAt) > now + this.schedule.capMs) {
        request.nextCheckAt = new Date(now).toISOString()
        await this.services.jobs().reschedule(job.id, new Date(now))
      } else if (!job) {
        if (tooFar || at < now) request.nextCheckAt = new Date(now + spread++ * step).toISOString()
        await this.submitJob(request)
      }
    }
    await this.store.save()
  }

  /** Starts the schedule of a request just made or found: first check after baseMs. */
  async follow(request: TrackedRequest): Promise<void> {
    // A submit and an import from the org can find the same new request at once: one job for both.
    const pending = this.submitting.get(request.id)
    if (pending) return pending
    if (!isTracking(request) || this.jobOf(request.id)) return
    request.nextCheckAt ??= new Date(this.nowMs() + pollDelayMs(request.checksDone, this.schedule)).toISOString()
    const work = this.submitJob(request).finally(() => this.submitting.delete(request.id))
    this.submitting.set(request.id, work)
    return work
  }

  /** Stops the schedule of a request (removed from the list). */
  async unfollow(id: string): Promise<void> {
    const job = this.jobOf(id)
    if (job) await this.services.jobs().cancel(job.id)
  }

  /** The job's run: one scheduled check, then the next one asked for while the request is tracked. */
  async runScheduledCheck(job: StoredJob<PrivacyTrackParams>, ctx: TypedJobContext<never>): Promise<void> {
    const id = job.params.requestId
    // A check asked for by the admin is in flight: let it finish, then make the scheduled one.
    for (let running = this.inFlight.get(id); running; running = this.inFlight.get(id)) await running.catch(() => undefined)
    await this.check(id, false, ctx.signal)
    const request = this.store.get(id)
    if (ctx.signal.aborted) {
      // Stopped mid-check (shutdown): not counted; checked again as soon as the app is back.
      ctx.runAgainAt(new Date(this.nowMs()))
      return
    }
    if (request && isTracking(request) && request.nextCheckAt) ctx.runAgainAt(new Date(request.nextCheckAt))
  }

  /** A check asked for by the admin: it does not move the schedule. */
  async checkNow(id: string): Promise<void> {
    // A scheduled check already under way asked before the admin did: its answer may be older than the click.
    await this.inFlight.get(id)?.catch(() => undefined)
    await this.check(id, true, this.controller.signal)
  }

  /** Applies what Genesys Cloud said about a request: audits a status change, announces a finish. */
  observe(request: TrackedRequest, remote: GdprRequest, via: 'submit' | 'check' | 'import', correlationId?: string): void {
    const change = applyRemote(request, remote, this.services.now())
    if (change) {
      auditPrivacy(
        this.services.audit,
        request,
        'privacy.status',
        requestTarget(request.id),
        change.to === 'ERROR' ? 'error' : 'ok',
        { requestType: request.requestType, from: change.from, to: change.to, via },
        correlationId,
      )
    }
    if (!isTracking(request)) request.nextCheckAt = undefined
    this.announceFinish(request)
  }

  emitChanged(request: TrackedRequest): void {
    this.services.events.emit('privacy.request.changed', { id: request.id, status: request.status })
  }

  async close(): Promise<void> {
    this.closed = true
    this.controller.abort()
    await Promise.allSettled([...this.inFlight.values()])
  }

  private check(id: string, manual: boolean, signal: AbortSignal): Promise<void> {
    const running = this.inFlight.get(id)
    if (running) return running
    const work = this.checkOnce(id, manual, AbortSignal.any([signal, this.controller.signal])).finally(() => {
      this.inFlight.delete(id)
    })
    this.inFlight.set(id, work)
    return work
  }

  private async checkOnce(id: string, manual: boolean, signal: AbortSignal): Promise<void> {
    const request = this.store.get(id)
    if (!request || !isTracking(request) || this.closed || signal.aborted) return
    const failure = await this.fetchAndObserve(request, signal)
    if (this.closed || signal.aborted) return // shutting down mid-check: the next start checks again
    if (!manual && isTracking(request)) {
      // Check k (from 0) waits pollDelayMs(k) after the one before it (after the submission, for k = 0).
      request.checksDone += 1
      const delay = failure
        ? delayAfterFailureMs(request.checksDone, this.schedule, failure)
        : pollDelayMs(request.checksDone, this.schedule)
      request.nextCheckAt = new Date(this.nowMs() + delay).toISOString()
    }
    await this.store.save()
    await this.services.audit.flush()
    this.emitChanged(request)
  }

  /** One GET of the request; returns the failure, already recorded on the request, if it failed. */
  private async fetchAndObserve(request: TrackedRequest, signal: AbortSignal): Promise<AppError | undefined> {
    let client
    try {
      client = this.services.connections.clientFor(request.profileId).client
    } catch (error) {
      const failure = toAppError(error)
      if (failure.code === 'not_found') request.gone = 'profile_removed'
      this.recordFailure(request, failure)
      return failure
    }
    request.polls += 1
    request.lastCheckedAt = this.services.now().toISOString()
    try {
      const answer = await getGdprRequest(client, request.id, signal)
      request.lastError = undefined
      request.consecutiveFailures = 0
      this.observe(request, answer.data, 'check', answer.correlationId)
      return undefined
    } catch (error) {
      const failure = toAppError(error)
      if (this.closed || signal.aborted) return failure
      if (failure.code === 'not_found') {
        request.gone = 'request_not_found'
        auditPrivacy(
          this.services.audit,
          request,
          'privacy.status',
          requestTarget(request.id),
          'error',
          { requestType: request.requestType, from: request.status, to: 'NOT_FOUND', via: 'check' },
          failure.correlationId,
        )
      }
      this.recordFailure(request, failure)
      return failure
    }
  }

  private recordFailure(request: TrackedRequest, failure: AppError): void {
    request.lastError = failure.toData()
    request.consecutiveFailures += 1
    if (request.gone) request.nextCheckAt = undefined
  }

  private announceFinish(request: TrackedRequest): void {
    if (request.announced || (request.status !== 'COMPLETED' && request.status !== 'ERROR')) return
    request.announced = true
    const what = `${typeWords(request.requestType)} ${request.id.slice(0, 8)}`
    const where = request.orgName || request.profileName
    if (request.status === 'ERROR') {
      this.services.notify({
        id: `privacy-error-${request.id}`,
        level: 'error',
        message: `${what} ended in ERROR in ${where}.`,
        hint: 'Open Privacy for what to do next.',
      })
      return
    }
    const completedAt = this.services.now().toISOString()
    auditPrivacy(this.services.audit, request, 'privacy.completed', requestTarget(request.id), 'ok', {
      requestType: request.requestType,
      results: request.resultsCount,
    })
    const scope = { profile: request.profileName, org: request.orgName }
    // The app event's payload is a closed contract for receivers: a type unknown to this version is not sent.
    if (isKnownGdprRequestType(request.requestType)) {
      this.services.appEvents.emit(
        'privacy.export.completed',
        {
          requestId: request.id,
          requestType: request.requestType,
          profileId: request.profileId,
          resultsCount: request.resultsCount,
          completedAt,
        },
        scope,
      )
    }
    this.services.events.emit('privacy.request.completed', {
      requestId: request.id,
      requestType: request.requestType,
      where,
      resultsCount: request.resultsCount,
    })
    const next = request.requestType === 'GDPR_EXPORT' ? 'Open Privacy to save its results.' : 'Open Privacy to see it.'
    this.services.notify({
      id: `privacy-completed-${request.id}`,
      level: 'info',
      message: `${what} completed in ${where}.`,
      hint: next,
    })
  }

  /** The request's tracking job that has not finished, if any. */
  private jobOf(requestId: string): StoredJob | undefined {
    return this.services
      .jobStore()
      .list()
      .find(
        (j) =>
          j.kind === PRIVACY_TRACK_JOB_KIND &&
          (j.params as Partial<PrivacyTrackParams> | undefined)?.requestId === requestId &&
          !['done', 'failed', 'cancelled'].includes(j.state),
      )
  }

  private async submitJob(request: TrackedRequest): Promise<void> {
    const title = `Track ${typeWords(request.requestType)} ${request.id.slice(0, 8)}`
    const params: PrivacyTrackParams = { requestId: request.id }
    await this.services.jobs().submit(PRIVACY_TRACK_JOB_KIND, title, params, { runAt: new Date(request.nextCheckAt ?? this.nowMs()) })
  }

  private nowMs(): number {
    return this.services.now().getTime()
  }
}
