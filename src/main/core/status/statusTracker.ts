import type { ConnectionState, StatusSnapshot } from '../../../shared/api'
import type { AppErrorData } from '../../../shared/errors'

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 300
const WINDOW_MS = 60_000

/** What the status bar needs of one HTTP attempt (from the Genesys client's call record). */
export interface CallOutcome {
  outcome: 'ok' | 'error' | 'retry'
  status?: number
  rateLimitAllowed?: number
  correlationId?: string
}

function signInRefused(correlationId?: string): AppErrorData {
  return {
    name: 'AppError',
    code: 'unauthorized',
    message: 'Sign-in refused (401)',
    hint: 'Check the client id and secret in Connections.',
    status: 401,
    correlationId,
  }
}

interface ProfileIdentity {
  profileId: string
  profileName: string
  region: StatusSnapshot['region']
}

/** Keeps the status bar's figures: calls in the last minute, the rate limit, connection state, jobs. */
export class StatusTracker {
  private calls: number[] = []
  private allowed?: number
  private connection: ConnectionState = 'unknown'
  private connectionError?: AppErrorData
  private connectionCheckedAt?: string
  private orgName?: string
  private jobsRunning = 0
  private timer?: NodeJS.Timeout

  constructor(
    private identity: ProfileIdentity,
    private readonly publish: (snapshot: StatusSnapshot) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Any call's answer is the latest word on the connection, whatever screen made it: an answered call
   * proves these credentials work; a sign-in refused (401, after the one re-authorisation) proves they do not.
   */
  recordCall(call: CallOutcome, orgName?: string): void {
    this.calls.push(this.now())
    if (call.rateLimitAllowed && call.rateLimitAllowed > 0) this.allowed = call.rateLimitAllowed
    if (orgName && !this.orgName) this.orgName = orgName
    if (call.outcome === 'ok') {
      this.connection = 'connected'
      this.connectionError = undefined
      this.connectionCheckedAt = new Date(this.now()).toISOString()
    } else if (call.outcome === 'error' && call.status === 401) {
      this.connection = 'error'
      this.connectionError = signInRefused(call.correlationId)
      this.connectionCheckedAt = new Date(this.now()).toISOString()
      this.publishNow()
      return
    }
    this.schedulePublish()
  }

  recordOrgName(orgName: string): void {
    if (this.orgName === orgName) return
    this.orgName = orgName
    this.schedulePublish()
  }

  setProfile(identity: ProfileIdentity): void {
    this.identity = identity
    this.calls = []
    this.allowed = undefined
    this.orgName = undefined
    this.connection = 'unknown'
    this.connectionError = undefined
    this.connectionCheckedAt = undefined
    this.publishNow()
  }

  setConnection(state: ConnectionState, detail: { orgName?: string; error?: AppErrorData } = {}): void {
    this.connection = state
    if (detail.orgName) this.orgName = detail.orgName
    this.connectionError = state === 'error' ? detail.error : undefined
    if (state === 'connected' || state === 'error') this.connectionCheckedAt = new Date(this.now()).toISOString()
    this.publishNow()
  }

  setJobsRunning(count: number): void {
    if (count === this.jobsRunning) return
    this.jobsRunning = count
    this.schedulePublish()
  }

  snapshot(): StatusSnapshot {
    const since = this.now() - WINDOW_MS
    this.calls = this.calls.filter((t) => t > since)
    return {
      ...this.identity,
      orgName: this.orgName,
      connection: this.connection,
      connectionError: this.connectionError,
      connectionCheckedAt: this.connectionCheckedAt,
      callsLastMinute: this.calls.length,
      rateLimitPerMinute: this.allowed ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
      rateLimitSource: this.allowed ? 'headers' : 'default',
      jobsRunning: this.jobsRunning,
    }
  }

  close(): void {
    clearTimeout(this.timer)
  }

  /** At most four updates a second, however busy the API traffic. */
  private schedulePublish(): void {
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.publish(this.snapshot())
    }, 250)
    this.timer.unref?.()
  }

  private publishNow(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.publish(this.snapshot())
  }
}
