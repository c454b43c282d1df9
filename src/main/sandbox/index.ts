import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSandboxApp } from './app'
import { realClock, type SandboxClock } from './clock'
import type { SandboxContext } from './context'
import { FaultInjector, type SandboxFaults } from './faults'
import { FLOW_EXPORT_STEP_MS } from './flows/flowExportJobs'
import { FlowStore } from './flows/flowStore'
import { sandboxFlows, type SandboxFlows } from './flows/sandboxFlows'
import { createOrganization } from './organization'
import { UrlSigner } from './presign'
import { PromptStore } from './prompts/promptStore'
import { PROMPT_UPLOAD_MAX_BYTES } from './prompts/promptUploadRoute'
import { sandboxPrompts, type SandboxPrompts } from './prompts/sandboxPrompts'
import { RateLimiter } from './rateLimit'
import { BATCH_FIRST_RESULT_MS, BATCH_ITEM_INTERVAL_MS, type BatchResultPace } from './recordings/batchRequests'
import { RecordingStore } from './recordings/recordingStore'
import { applyRuntimeOptions, type RuntimeOptions } from './runtimeOptions'
import { StatsRecorder, type SandboxStats } from './stats'
import { TokenStore } from './tokens'
import { UploadReports } from './uploadReports'
import { UploadStore, type StoredUpload } from './uploadStore'
import { Uplink, type UplinkStats } from './uplink'

export { manualClock, realClock, type ManualClock, type SandboxClock } from './clock'
export type { SandboxFaults } from './faults'
export type { SandboxStats } from './stats'
export type { StoredUpload } from './uploadStore'
export { SANDBOX_FLOW_SEEDS } from './flows/flowSeeds'
export type { SandboxFlows } from './flows/sandboxFlows'
export { SANDBOX_PROMPT_SEEDS } from './prompts/promptSeeds'
export type { SandboxPrompts, SandboxPromptUpload } from './prompts/sandboxPrompts'
export type { PromptAssetView, PromptView } from './prompts/promptView'
export type { UplinkStats } from './uplink'
export { syntheticConversation, type RecordingStore, type SandboxConversation, type SandboxRecording } from './recordings/recordingStore'

/** Fixed demo credentials, so any client (curl included) can log in to a sandbox started with defaults. */
export const DEMO_CLIENT_ID = '5a4d0b0c-5e1f-4c1e-9b0a-5a2db0c0ffee'
export const DEMO_CLIENT_SECRET = 'SandboxDemoSecret-not-a-real-secret-8Qw3Zr7Tn2Lk'

export interface SandboxOptions {
  /** Default 0 = random; the host is always 127.0.0.1. */
  port?: number
  clientId?: string
  clientSecret?: string
  /** Default 86400. */
  tokenLifetimeSeconds?: number
  /** Per token, default 300. */
  rateLimitPerMinute?: number
  faults?: SandboxFaults
  /** Default "Sandbox Contact Centre". */
  orgName?: string
  /** Where stored objects (uploads) go; default a temp dir, removed on close. */
  dataDir?: string
  /** Seed of the fault PRNG; default random. */
  seed?: number
  /** How long each phase of a new GDPR request lasts; default 3000 (an export completes in 3 phases). */
  gdprStepMs?: number
  /**
   * Caps the upload body bytes a second, all concurrent PUTs together, as an office uplink would;
   * default none. Runs on real timers whatever the clock: it stands for the network.
   */
  uplinkBytesPerSecond?: number | null
  /** Permissions the API client's role lacks (e.g. ['recording:recording:view']); default none. */
  deniedPermissions?: string[]
  /** The org's recording link lifetime in seconds; default 3600 (a real org allows 2..60 minutes). */
  mediaUrlLifetimeSeconds?: number
  /** How fast batch download requests complete; default the first result after 200 ms, then one every 40 ms. */
  batchResultPace?: BatchResultPace
  /** How long each phase of a flow export job lasts on the sandbox clock; default 500 (done after 2 phases). */
  flowExportStepMs?: number
  /** How long after an accepted prompt upload its resource is transcoded (or fails); default 300, on real timers. */
  promptTranscodeMs?: number
  /** The largest prompt file the uploadUri takes; default 25,000,000 (tests lower it to see the 413). */
  promptUploadMaxBytes?: number
  /** Where the sandbox reads the time (expiries, rate-limit windows, GDPR progress); default the real clock. */
  clock?: SandboxClock
}

export interface Sandbox {
  /** http://127.0.0.1:PORT: serves both the login host's /oauth/token and the API host's /api/v2. */
  url: string
  port: number
  clientId: string
  clientSecret: string
  setFaults(faults: SandboxFaults): void
  setOptions(
    options: Partial<
      Pick<
        SandboxOptions,
        | 'tokenLifetimeSeconds'
        | 'rateLimitPerMinute'
        | 'gdprStepMs'
        | 'uplinkBytesPerSecond'
        | 'deniedPermissions'
        | 'mediaUrlLifetimeSeconds'
        | 'batchResultPace'
        | 'flowExportStepMs'
        | 'promptTranscodeMs'
        | 'promptUploadMaxBytes'
      >
    > &
      Pick<RuntimeOptions, 'client'>,
  ): void
  /** The origin it writes into the links it hands out (presigned uploads, results), for a gateway or proxy put in front of it. */
  setPublicUrl(url: string): void
  stats(): SandboxStats
  /** The uplink's counters: what the upload bodies drew from it. */
  uplink(): UplinkStats
  /** Resets the request counters and the uplink's. */
  resetStats(): void
  /** Every access token issued so far (expired ones included), for tests that check nothing leaks them. */
  issuedTokens(): string[]
  /** The org's conversations and recordings: tests and benchmarks add their own. */
  recordings: RecordingStore
  /** The org's Architect flows (seeded: SANDBOX_FLOW_SEEDS): read them as the API answers, add versions, lock. */
  flows: SandboxFlows
  /** The org's Architect user prompts (seeded: SANDBOX_PROMPT_SEEDS) and the audio each upload stored. */
  prompts: SandboxPrompts
  /** Every completed presigned PUT, in order. */
  uploads(): StoredUpload[]
  /** How many completed PUTs stored each content (hex SHA-256): more than 1 means uploaded twice. */
  uploadCountBySha256(): Record<string, number>
  close(): Promise<void>
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const clock = opts.clock ?? realClock
  const now = () => clock.now()
  const ownDataDir = opts.dataDir === undefined
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'switchboard-sandbox-')))
  const config = {
    clientId: opts.clientId ?? DEMO_CLIENT_ID,
    clientSecret: opts.clientSecret ?? DEMO_CLIENT_SECRET,
    tokenLifetimeSeconds: opts.tokenLifetimeSeconds ?? 86_400,
    rateLimitPerMinute: opts.rateLimitPerMinute ?? 300,
    orgName: opts.orgName ?? 'Sandbox Contact Centre',
    dataDir,
    gdprStepMs: opts.gdprStepMs ?? 3000,
    uplinkBytesPerSecond: opts.uplinkBytesPerSecond ?? null,
    deniedPermissions: opts.deniedPermissions ?? [],
    mediaUrlLifetimeSeconds: opts.mediaUrlLifetimeSeconds ?? 3600,
    batchResultPace: opts.batchResultPace ?? { firstMs: BATCH_FIRST_RESULT_MS, intervalMs: BATCH_ITEM_INTERVAL_MS },
    flowExportStepMs: opts.flowExportStepMs ?? FLOW_EXPORT_STEP_MS,
    promptTranscodeMs: opts.promptTranscodeMs ?? 300,
    promptUploadMaxBytes: opts.promptUploadMaxBytes ?? PROMPT_UPLOAD_MAX_BYTES,
  }
  const uploads = new UploadStore(dataDir, now)
  await uploads.init()
  const prompts = new PromptStore(dataDir, now, () => config.promptTranscodeMs)
  await prompts.init()
  const faults = new FaultInjector(opts.seed ?? Math.floor(Math.random() * 2 ** 32))
  faults.set(opts.faults ?? {})
  const ctx: SandboxContext = {
    config,
    org: createOrganization(config.orgName),
    tokens: new TokenStore(now),
    rateLimiter: new RateLimiter(config.rateLimitPerMinute, now),
    faults,
    stats: new StatsRecorder(),
    uploads,
    uplink: new Uplink(config.uplinkBytesPerSecond),
    reports: new UploadReports(uploads),
    recordings: new RecordingStore(now()),
    flows: new FlowStore(now(), now),
    prompts,
    signer: new UrlSigner(now),
    baseUrl: '',
    now,
  }
  applyRuntimeOptions(ctx, {
    tokenLifetimeSeconds: config.tokenLifetimeSeconds,
    rateLimitPerMinute: config.rateLimitPerMinute,
    uplinkBytesPerSecond: config.uplinkBytesPerSecond,
    mediaUrlLifetimeSeconds: config.mediaUrlLifetimeSeconds,
    batchResultPace: config.batchResultPace,
    flowExportStepMs: config.flowExportStepMs,
    promptTranscodeMs: config.promptTranscodeMs,
    promptUploadMaxBytes: config.promptUploadMaxBytes,
  })

  const app = await buildSandboxApp(ctx)
  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : Number(opts.port)
  ctx.baseUrl = `http://127.0.0.1:${port}`

  let closed: Promise<void> | undefined
  return {
    url: ctx.baseUrl,
    port,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    setFaults: (next) => faults.set(next),
    setOptions: (next) => applyRuntimeOptions(ctx, next),
    setPublicUrl: (url) => {
      ctx.baseUrl = new URL(url).origin
    },
    stats: () => ctx.stats.snapshot(),
    uplink: () => ctx.uplink.stats(),
    resetStats: () => {
      ctx.stats.reset()
      ctx.uplink.resetStats()
    },
    issuedTokens: () => ctx.tokens.allIssued(),
    recordings: ctx.recordings,
    flows: sandboxFlows(ctx.flows),
    prompts: sandboxPrompts(ctx),
    uploads: () => uploads.uploads(),
    uploadCountBySha256: () => uploads.countBySha256(),
    close: () => {
      closed ??= (async () => {
        prompts.close()
        await app.close()
        if (ownDataDir) await rm(dataDir, { recursive: true, force: true })
      })()
      return closed
    },
  }
}
