/**
 * The SwitchboardApi contract: every method the renderer may call, every UI signal it may receive, and
 * every app event the core may announce. The preload's allowlist, the IPC binding, the web shell's router
 * and the renderer's client are all derived from `methods` and `signals` below, so adding a method is one
 * entry here plus its handler. A workflow's declarations live in src/shared/contract/<workflow>.ts and
 * are spread in here.
 *
 * Two kinds of event: `signals` tell screens to refresh (they may carry what a screen shows, and never
 * leave the app); `appEvents` say that something happened (a recording uploaded, a schema updated), with
 * a zod payload of ids, counts, hashes and times only, are recorded in the audit log, and are what event
 * delivery sends outside. App events do not cross to the renderer.
 */
import { z } from 'zod'
import type { AppErrorData } from './errors'
import { REGION_IDS } from './regions'
import { method, signal } from './contract/define'
import { Empty, Id } from './contract/common'
import { uploadAppEvents, uploadMethods, uploadSignals } from './contract/uploads'
import { schemaAppEvents, schemaMethods, schemaSignals } from './contract/schemas'
import { privacyAppEvents, privacyMethods, privacySignals } from './contract/privacy'
import { recordingAppEvents, recordingMethods, recordingSignals } from './contract/recordings'
import { flowAppEvents, flowMethods, flowSignals } from './contract/flows'
import { promptAppEvents, promptMethods, promptSignals } from './contract/prompts'
import { auditMethods, auditSignals } from './contract/audit'
import { jobMethods, type JobView } from './contract/jobs'
import { dialogMethods } from './contract/dialogs'
import { webhookMethods, webhookSignals } from './contract/webhooks'
import { auditForwardingMethods, auditForwardingSignals } from './contract/auditForwarding'

// ---------- profiles ----------
export const SANDBOX_PROFILE_ID = 'sandbox'
export const ProfileRegion = z.union([z.enum(REGION_IDS), z.literal('sandbox')])
export type ProfileRegion = z.infer<typeof ProfileRegion>

export const ProfileInput = z
  .object({
    id: z.string().min(1).max(200).optional(),
    name: z.string().trim().min(1, 'Name is required').max(100),
    region: z.enum(REGION_IDS, { message: 'Choose a region from the list' }),
    clientId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{8,100}$/, 'OAuth client id: 8 to 100 letters, digits or dashes'),
    /** Omitted on edit: keep the stored secret. */
    clientSecret: z.string().min(1).max(500).optional(),
    /**
     * Advanced: send the API and login calls to this address instead of the region's hosts
     * (a standalone sandbox from `npm run sandbox`, or a corporate gateway). https, or http on loopback only.
     */
    gatewayUrl: z
      .string()
      .trim()
      .max(300)
      .refine((v) => v === '' || isAllowedGateway(v), 'Gateway URL: https://…, or http://127.0.0.1:PORT for a local sandbox')
      .transform((v) => (v ? v.replace(/\/+$/, '') : undefined))
      .optional(),
  })
  .strict()

export function isAllowedGateway(value: string): boolean {
  try {
    const url = new URL(value)
    if (url.username || url.password || url.search || url.hash) return false
    if (url.protocol === 'https:') return true
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  } catch {
    return false
  }
}
export type ProfileInput = z.input<typeof ProfileInput>

/** What the renderer may know of a profile: never the secret, never a token. */
export interface ProfileView {
  id: string
  name: string
  region: ProfileRegion
  /** api.<domain>, the gateway URL, or the sandbox's http://127.0.0.1:port */
  apiBase: string
  gatewayUrl?: string
  clientId: string
  hasSecret: boolean
  isSandbox: boolean
  active: boolean
  /** Only in the answer of a save that dropped the stored secret: it is bound to the client id and token host it was entered for. */
  secretDropped?: SecretDropReason
}

export type SecretDropReason = 'client id changed' | 'token host changed' | 'client id and token host changed'

export interface ConnectionTestResult {
  profileId: string
  orgId: string
  orgName: string
  region: ProfileRegion
  tokenLifetimeSeconds: number
  roundTripMs: number
  correlationId?: string
  testedAt: string
}

// ---------- status ----------
export type ConnectionState = 'unknown' | 'connecting' | 'connected' | 'error'
export interface StatusSnapshot {
  profileId: string
  profileName: string
  orgName?: string
  region: ProfileRegion
  connection: ConnectionState
  connectionError?: AppErrorData
  /** ISO time of the last real result (a call answered, a sign-in refused, a connection test). */
  connectionCheckedAt?: string
  callsLastMinute: number
  /** From inin-ratelimit-allowed when the API sent it, else the documented default. */
  rateLimitPerMinute: number
  rateLimitSource: 'headers' | 'default'
  jobsRunning: number
}

// ---------- notices (things the admin must know, shown once) ----------
export interface Notice {
  id: string
  level: 'info' | 'warning' | 'error'
  message: string
  hint?: string
  /** The jobs a notice is about (interrupted jobs): it goes away once none of them is left to finish. */
  jobIds?: string[]
}

export interface SecretStorageStatus {
  encrypted: boolean
  backend: string
  warning?: string
}

export interface AppInfo {
  version: string
  shell: 'electron' | 'web'
  dataDir: string
  auditLogPath: string
  secretStorage: SecretStorageStatus
  notices: Notice[]
  /** Whether this shell can open the OS file manager ("Open log folder", "Show in folder"); the web shell cannot. */
  canShowInFolder: boolean
}

// ---------- audit ----------
export type { AuditEntry, AuditHeadKeyView, AuditOutcome, AuditVerifyResult } from './contract/audit'
// ---------- jobs ----------
export { JobState } from './contract/jobs'
export type { JobProgress, JobView } from './contract/jobs'

export const methods = {
  'app.info': method<typeof Empty, AppInfo>(Empty),
  'profiles.list': method<typeof Empty, ProfileView[]>(Empty),
  'profiles.save': method<typeof ProfileInput, ProfileView>(ProfileInput),
  'profiles.remove': method<typeof Id, { removed: string }>(Id),
  'profiles.setActive': method<typeof Id, ProfileView>(Id),
  'profiles.test': method<typeof Id, ConnectionTestResult>(Id),
  'status.get': method<typeof Empty, StatusSnapshot>(Empty),
  ...jobMethods,
  'shell.openExternal': method<z.ZodObject<{ url: z.ZodString }>, { opened: boolean }>(z.object({ url: z.string().max(2000) }).strict()),
  ...uploadMethods,
  ...schemaMethods,
  ...privacyMethods,
  ...recordingMethods,
  ...flowMethods,
  ...promptMethods,
  ...auditMethods,
  ...dialogMethods,
  ...webhookMethods,
  ...auditForwardingMethods,
}

/** UI signals: what the core tells screens so they refresh. Delivered to the renderer only. */
export const signals = {
  'status.changed': signal<StatusSnapshot>(),
  'job.progress': signal<JobView>(),
  notice: signal<Notice>(),
  /** A notice whose cause is gone (an endpoint turned back on): screens stop showing it. */
  'notice.retracted': signal<{ id: string }>(),
  ...auditSignals,
  ...uploadSignals,
  ...schemaSignals,
  ...privacySignals,
  ...recordingSignals,
  ...flowSignals,
  ...promptSignals,
  ...webhookSignals,
  ...auditForwardingSignals,
}

/** App events: what happened, for the audit log and event delivery. Each payload has its zod schema. */
export const appEvents = {
  ...uploadAppEvents,
  ...schemaAppEvents,
  ...privacyAppEvents,
  ...recordingAppEvents,
  ...flowAppEvents,
  ...promptAppEvents,
}

export type MethodName = keyof typeof methods
export type SignalName = keyof typeof signals
export type AppEventType = keyof typeof appEvents
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>
export type ParsedInput<M extends MethodName> = z.output<(typeof methods)[M]['input']>
export type MethodResult<M extends MethodName> = (typeof methods)[M]['result']
export type SignalPayload<S extends SignalName> = (typeof signals)[S]['payload']
export type AppEventPayload<T extends AppEventType> = (typeof appEvents)[T]['payload']

/** An app event as it is recorded and delivered: its own id, its type, when it happened, its payload. */
export type AppEvent = { [T in AppEventType]: { id: string; type: T; occurredAt: string; payload: AppEventPayload<T> } }[AppEventType]

export const METHOD_NAMES = Object.keys(methods) as MethodName[]
export const SIGNAL_NAMES = Object.keys(signals) as SignalName[]
export const APP_EVENT_TYPES = Object.keys(appEvents) as AppEventType[]

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name)
}
export function isSignalName(name: unknown): name is SignalName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(signals, name)
}

/** What every transport carries back for an invoke. */
export type InvokeResponse<R> = { ok: true; value: R } | { ok: false; error: AppErrorData }

/** The object the preload exposes as window.switchboard, and the web client imitates. */
export interface SwitchboardBridge {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<InvokeResponse<MethodResult<M>>>
  on<S extends SignalName>(signal: S, listener: (payload: SignalPayload<S>) => void): () => void
  /** Electron: webUtils.getPathForFile. Web shell: undefined (bytes are staged instead). */
  pathForFile?: (file: File) => string
  shell: 'electron' | 'web'
}

/** The core's side: implemented by createCore, bound by each shell. */
export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodResult<M>> }
