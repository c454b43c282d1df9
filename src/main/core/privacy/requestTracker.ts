import type { GdprRequestType } from '../../../shared/contract/privacy'
import { toAppError, type AppError } from '../../../shared/errors'
import type { WorkflowServices } from '../workflow'
import { getGdprRequest, type GdprRequest } from './gdprApi'
import { auditPrivacy, requestTarget } from './privacyAudit'
import { delayAfterFailureMs, pollDelayMs, type PollSchedule } from './pollSchedule'
import { applyRemote } from './remoteRequest'
import type { RequestStore } from './requestStore'
import { isTracking, type TrackedRequest } from './trackedRequest'

const TYPE_WORDS: Record<GdprRequestType, string> = { GDPR_EXPORT: 'GDPR export', GDPR_UPDATE: 'GDPR update', GDPR_DELETE: 'GDPR delete' }

/**
 * Checks every tracked request on its own backoff schedule (pollSchedule.ts) with one timer for the
 * earliest due check. Token expiry and 401s are the client's business (it refreshes and re-sends
 * once); a 429 is waited out by the client per Retry-After, and one that lasts pushes the next check
 * out to the schedule's floor. Every status change is audited and announced; completion once.
 */
export class RequestTracker {
  private timer: NodeJS.Timeout | undefined
  private readonly inFlight = new Map<string, Promise<void>>()
  private readonly controller = new AbortController()
  private closed = false

  constructor(
    private readonly services: WorkflowServices,
    private readonly store: RequestStore,
    private readonly schedule: PollSchedule,
  ) {}

  /** After a restart: overdue checks are spread out a little rather than all sent at once. */
  start(): void {
    const now = this.nowMs()
    const step = Math.min(this.schedule.baseMs, 1000)
    this.store
      .list()
      .filter(isTracking)
      // Overdue, or further away than the schedule allows (the clock was moved back): check soon.
      .filter((r) => !r.nextCheckAt || Date.parse(r.nextCheckAt) < now || Date.parse(r.nextCheckAt) > now + this.schedule.capMs)
      .forEach((r, i) => (r.nextCheckAt = new Date(now + i * step).toISOString()))
    this.reschedule()
  }

  /** Starts the schedule of a request just made or found: first check after baseMs. */
  follow(request: TrackedRequest): void {
    if (isTracking(request) && !request.nextCheckAt) request.nextCheckAt = new Date(this.nowMs() + pollDelayMs(request.checksDone, this.schedule)).toISOString()
    this.reschedule()
  }

  /** A check asked for by the admin: it does not move the schedule. */
  async checkNow(id: string): Promise<void> {
    await this.check(id, true)
  }

  /** Applies what Genesys Cloud said about a request: audits a status change, announces a finish. */
  observe(request: TrackedRequest, remote: GdprRequest, via: 'submit' | 'check' | 'import', correlationId?: string): void {
    const change = applyRemote(request, remote, this.services.now())
    if (change) {
      auditPrivacy(this.services.audit, request, 'privacy.status', requestTarget(request.id), change.to === 'ERROR' ? 'error' : 'ok', { requestType: request.requestType, from: change.from, to: change.to, via }, correlationId)
    }
    if (!isTracking(request)) request.nextCheckAt = undefined
    this.announceFinish(request)
  }

  emitChanged(request: TrackedRequest): void {
    this.services.events.emit('privacy.request.changed', { id: request.id, status: request.status })
  }

  reschedule(): void {
    if (this.closed) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    const due = this.store
      .list()
      .filter((r) => isTracking(r) && r.nextCheckAt && !this.inFlight.has(r.id))
      .map((r) => Date.parse(r.nextCheckAt as string))
    if (due.length === 0) return
    // Never longer than the cap: a clock moved back must not leave a timer for days (or overflow it).
    const wait = Math.min(this.schedule.capMs, Math.max(0, Math.min(...due) - this.nowMs()))
    this.timer = setTimeout(() => this.runDue(), wait)
    this.timer.unref?.()
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.controller.abort()
    await Promise.allSettled([...this.inFlight.values()])
  }

  private runDue(): void {
    const now = this.nowMs()
    for (const request of this.store.list()) {
      if (isTracking(request) && request.nextCheckAt && Date.parse(request.nextCheckAt) <= now) void this.check(request.id, false)
    }
    this.reschedule()
  }

  private check(id: string, manual: boolean): Promise<void> {
    const running = this.inFlight.get(id)
    if (running) return running
    const work = this.checkOnce(id, manual).finally(() => {
      this.inFlight.delete(id)
      this.reschedule()
    })
    this.inFlight.set(id, work)
    return work
  }

  private async checkOnce(id: string, manual: boolean): Promise<void> {
    const request = this.store.get(id)
    if (!request || !isTracking(request) || this.closed) return
    const failure = await this.fetchAndObserve(request)
    if (this.closed) return // shutting down mid-check: the next start checks again
    if (!manual && isTracking(request)) {
      // Check k (from 0) waits pollDelayMs(k) after the one before it (after the submission, for k = 0).
      request.checksDone += 1
      const delay = failure ? delayAfterFailureMs(request.checksDone, this.schedule, failure) : pollDelayMs(request.checksDone, this.schedule)
      request.nextCheckAt = new Date(this.nowMs() + delay).toISOString()
    }
    await this.store.save()
    await this.services.audit.flush()
    this.emitChanged(request)
  }

  /** One GET of the request; returns the failure, already recorded on the request, if it failed. */
  private async fetchAndObserve(request: TrackedRequest): Promise<AppError | undefined> {
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
      const answer = await getGdprRequest(client, request.id, this.controller.signal)
      request.lastError = undefined
      request.consecutiveFailures = 0
      this.observe(request, answer.data, 'check', answer.correlationId)
      return undefined
    } catch (error) {
      const failure = toAppError(error)
      if (this.closed) return failure
      if (failure.code === 'not_found') {
        request.gone = 'request_not_found'
        auditPrivacy(this.services.audit, request, 'privacy.status', requestTarget(request.id), 'error', { requestType: request.requestType, from: request.status, to: 'NOT_FOUND', via: 'check' }, failure.correlationId)
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
    const what = `${TYPE_WORDS[request.requestType]} ${request.id.slice(0, 8)}`
    const where = request.orgName || request.profileName
    if (request.status === 'ERROR') {
      this.services.events.emit('notice', { id: `privacy-error-${request.id}`, level: 'error', message: `${what} ended in ERROR in ${where}.`, hint: 'Open Privacy for what to do next.' })
      return
    }
    const completedAt = this.services.now().toISOString()
    auditPrivacy(this.services.audit, request, 'privacy.completed', requestTarget(request.id), 'ok', { requestType: request.requestType, results: request.resultsCount })
    const scope = { profile: request.profileName, org: request.orgName }
    this.services.appEvents.emit('privacy.export.completed', { requestId: request.id, requestType: request.requestType, profileId: request.profileId, resultsCount: request.resultsCount, completedAt }, scope)
    this.services.events.emit('privacy.request.completed', { requestId: request.id, requestType: request.requestType, where, resultsCount: request.resultsCount })
    const next = request.requestType === 'GDPR_EXPORT' ? 'Open Privacy to save its results.' : 'Open Privacy to see it.'
    this.services.events.emit('notice', { id: `privacy-completed-${request.id}`, level: 'info', message: `${what} completed in ${where}.`, hint: next })
  }

  private nowMs(): number {
    return this.services.now().getTime()
  }
}
