import type { FaultInjector } from './faults'
import type { FlowStore } from './flows/flowStore'
import type { Organization } from './organization'
import type { PromptStore } from './prompts/promptStore'
import type { UrlSigner } from './presign'
import type { RateLimiter } from './rateLimit'
import type { BatchResultPace } from './recordings/batchRequests'
import type { RecordingStore } from './recordings/recordingStore'
import type { StatsRecorder } from './stats'
import type { TokenStore } from './tokens'
import type { UploadReports } from './uploadReports'
import type { UploadStore } from './uploadStore'
import type { Uplink } from './uplink'

export interface SandboxConfig {
  clientId: string
  clientSecret: string
  tokenLifetimeSeconds: number
  rateLimitPerMinute: number
  orgName: string
  dataDir: string
  /** How long each phase of a new GDPR request lasts (INITIATED, SEARCHING, ...). */
  gdprStepMs: number
  /** The cap on upload body bytes a second, all PUTs together; null = uncapped. */
  uplinkBytesPerSecond: number | null
  /** Permissions the API client's role lacks; empty: it has every permission the sandbox knows. */
  deniedPermissions: string[]
  /** The org's download link lifetime: how long a recording's media link stays valid (a real org allows 120..3600). */
  mediaUrlLifetimeSeconds: number
  /** How fast batch download requests complete: the first result after firstMs, then one every intervalMs. */
  batchResultPace: BatchResultPace
  /** How long each phase of a flow export job lasts (Registered, Started, then Success or Failure). */
  flowExportStepMs: number
  /** How long after an accepted prompt upload its resource is transcoded (or fails to be); real timers. */
  promptTranscodeMs: number
  /** The largest prompt audio file the uploadUri takes (the platform's 25 MB). */
  promptUploadMaxBytes: number
}

/** Everything the routes share: one per running sandbox. */
export interface SandboxContext {
  config: SandboxConfig
  org: Organization
  tokens: TokenStore
  rateLimiter: RateLimiter
  faults: FaultInjector
  stats: StatsRecorder
  uploads: UploadStore
  /** The link every upload body shares (capped or not). */
  uplink: Uplink
  reports: UploadReports
  /** Conversations and their recordings (seeded; tests and benchmarks add their own). */
  recordings: RecordingStore
  /** Architect flows and their versions (seeded; tests add versions, lock and unlock). */
  flows: FlowStore
  /** Architect user prompts, their language resources and uploaded audio (seeded). */
  prompts: PromptStore
  signer: UrlSigner
  /** http://127.0.0.1:PORT once listening; presigned URLs point here. */
  baseUrl: string
  now: () => number
}
