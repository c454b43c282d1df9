import type { ConnectionTestResult } from '../../../shared/api'
import { AppError, toAppError } from '../../../shared/errors'
import { tokenOriginOf } from '../../../shared/profileHosts'
import type { AuditLog } from '../audit'
import { createGenesysClient, getOrganizationMe, type ApiCallRecord, type ApiIntent, type GenesysClient } from '../genesys'
import { outboundRuleFor, type OutboundUrlRule } from '../net/outboundUrl'
import type { StatusTracker } from '../status/statusTracker'
import type { ConnectableProfile, ProfileStore } from './profileStore'
import { assertSecretBound } from './secretBinding'

interface CachedClient {
  key: string
  client: GenesysClient
  orgName?: string
  resolvingOrg?: Promise<void>
}

/**
 * One Genesys client per profile, rebuilt when the profile's credentials change. Every HTTP attempt
 * of every client lands in the audit log and the status bar's call counter.
 */
export class Connections {
  private readonly clients = new Map<string, CachedClient>()

  constructor(
    private readonly profiles: ProfileStore,
    private readonly audit: AuditLog,
    private readonly status: StatusTracker,
    private readonly now: () => number = Date.now,
  ) {}

  /** The client for a profile, with the org name once known (for audit entries) and the links its API may hand out. */
  clientFor(profileId: string): { client: GenesysClient; profile: ConnectableProfile; orgName: () => string; links: OutboundUrlRule } {
    const profile = this.profiles.connectable(profileId)
    assertSendable(profile)
    const key = [profile.apiBase, profile.loginBase, profile.clientId, profile.clientSecret ?? ''].join('\n')
    let cached = this.clients.get(profileId)
    if (!cached || cached.key !== key) {
      const entry: CachedClient = { key, client: undefined as unknown as GenesysClient }
      entry.client = createGenesysClient({
        apiBase: profile.apiBase,
        loginBase: profile.loginBase,
        clientId: profile.clientId,
        clientSecret: profile.clientSecret,
        onCall: (call) => this.recordCall(profile, entry, call),
        writeAhead: (intent) => this.recordIntent(profile, entry, intent),
        // One budget per client credentials, shared by every workflow: pace under it, not into 429s.
        pace: true,
      })
      cached = entry
      this.clients.set(profileId, cached)
    }
    const current = cached
    this.resolveOrgName(profile, current)
    return { client: current.client, profile, orgName: () => current.orgName ?? '', links: outboundRuleFor(profile) }
  }

  /**
   * Audit entries and the status bar name the org, not only the profile: read it once per client in the
   * background (one GET organizations/me), and again later if that read failed.
   */
  private resolveOrgName(profile: ConnectableProfile, entry: CachedClient): void {
    if (entry.orgName || entry.resolvingOrg) return
    entry.resolvingOrg = getOrganizationMe(entry.client)
      .then((org) => {
        entry.orgName = org.data.name
        if (profile.id === this.profiles.activeId()) this.status.recordOrgName(org.data.name)
      })
      .catch(() => undefined)
      .finally(() => {
        entry.resolvingOrg = undefined
      })
  }

  /** The org's name for a profile: known, or read once (shared by every caller); '' if it cannot be read. */
  async orgName(profileId: string): Promise<string> {
    const { profile } = this.clientFor(profileId)
    const entry = this.clients.get(profileId)
    if (!entry) return ''
    if (!entry.orgName) {
      this.resolveOrgName(profile, entry)
      await entry.resolvingOrg
    }
    return entry.orgName ?? ''
  }

  forget(profileId: string): void {
    this.clients.delete(profileId)
  }

  async test(profileId: string): Promise<ConnectionTestResult> {
    const isActive = profileId === this.profiles.activeId()
    if (isActive) this.status.setConnection('connecting')
    const profile = this.profiles.connectable(profileId)
    const started = this.now()
    try {
      const { client } = this.clientFor(profileId)
      const token = await client.token()
      const org = await getOrganizationMe(client)
      const cached = this.clients.get(profileId)
      if (cached) cached.orgName = org.data.name
      const result: ConnectionTestResult = {
        profileId,
        orgId: org.data.id,
        orgName: org.data.name,
        region: profile.region,
        tokenLifetimeSeconds: token.lifetimeSeconds,
        roundTripMs: org.latencyMs,
        correlationId: org.correlationId,
        testedAt: new Date(this.now()).toISOString(),
      }
      this.audit.append({
        profile: profile.name,
        org: org.data.name,
        action: 'connection.test',
        target: profile.apiBase,
        outcome: 'ok',
        latencyMs: this.now() - started,
        correlationId: org.correlationId,
        detail: { region: profile.region },
      })
      if (isActive) this.status.setConnection('connected', { orgName: org.data.name })
      return result
    } catch (error) {
      const appError = toAppError(error)
      this.audit.append({
        profile: profile.name,
        org: this.clients.get(profileId)?.orgName ?? '',
        action: 'connection.test',
        target: profile.apiBase,
        outcome: 'error',
        latencyMs: this.now() - started,
        correlationId: appError.correlationId,
        detail: { code: appError.code, status: appError.status ?? null },
      })
      if (isActive) this.status.setConnection('error', { error: appError.toData() })
      throw appError
    } finally {
      await this.audit.flush()
    }
  }

  /** On disk before a state-changing request leaves, so a crash cannot hide that it may have been applied. */
  private async recordIntent(profile: ConnectableProfile, entry: CachedClient, intent: ApiIntent): Promise<void> {
    await this.audit.appendDurable({
      profile: profile.name,
      org: entry.orgName ?? '',
      action: 'api.intent',
      target: `${intent.method} ${intent.path}`,
      outcome: 'pending',
      detail: { attempt: intent.attempt },
    })
  }

  private recordCall(profile: ConnectableProfile, entry: CachedClient, call: ApiCallRecord): void {
    this.audit.append({
      profile: profile.name,
      org: entry.orgName ?? '',
      action: 'api.call',
      target: `${call.method} ${call.path}`,
      outcome: call.outcome,
      latencyMs: call.latencyMs,
      correlationId: call.correlationId,
      detail: {
        status: call.status ?? null,
        attempt: call.attempt,
        ...(call.retryAfterSeconds !== undefined ? { retryAfterSeconds: call.retryAfterSeconds } : {}),
        ...(call.errorCode ? { errorCode: call.errorCode } : {}),
      },
    })
    if (profile.id === this.profiles.activeId()) {
      this.status.recordCall(
        { outcome: call.outcome, status: call.status, rateLimitAllowed: call.rateLimit?.allowed, correlationId: call.correlationId },
        entry.orgName,
      )
    }
  }
}

/** Every request of a profile's client carries its secret to the token host: refuse before building one. */
function assertSendable(profile: ConnectableProfile): asserts profile is ConnectableProfile & { clientSecret: string } {
  if (!profile.clientSecret || !profile.secretBinding) {
    throw new AppError({
      code: 'unauthorized',
      message: `The profile “${profile.name}” has no client secret stored.`,
      hint: 'Edit the profile and enter its client secret.',
    })
  }
  assertSecretBound({
    name: profile.name,
    clientId: profile.clientId,
    tokenOrigin: tokenOriginOf(profile.loginBase),
    binding: profile.secretBinding,
  })
}
