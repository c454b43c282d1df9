import type { ConnectionState, StatusSnapshot } from '../../../shared/api'
import type { AppErrorData } from '../../../shared/errors'

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 300
const WINDOW_MS = 60_000

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
  private orgName?: string
  private jobsRunning = 0
  private timer?: NodeJS.Timeout

  constructor(
    private identity: ProfileIdentity,
    private readonly publish: (snapshot: StatusSnapshot) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** An answered call proves the org is reachable with these credentials, whatever screen made it. */
  recordCall(rateLimitAllowed?: number, answered = false, orgName?: string): void {
    this.calls.push(this.now())
    if (rateLimitAllowed && rateLimitAllowed > 0) this.allowed = rateLimitAllowed
    if (answered && this.connection !== 'connected') {
      this.connection = 'connected'
      this.connectionError = undefined
    }
    if (orgName && !this.orgName) this.orgName = orgName
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
    this.publishNow()
  }

  setConnection(state: ConnectionState, detail: { orgName?: string; error?: AppErrorData } = {}): void {
    this.connection = state
    if (detail.orgName) this.orgName = detail.orgName
    this.connectionError = state === 'error' ? detail.error : undefined
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
