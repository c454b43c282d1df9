import { z } from 'zod'
import type { SandboxContext } from './context'

/** The options a running sandbox can change (new tokens get the new lifetime; the limit applies at once). */
export interface RuntimeOptions {
  tokenLifetimeSeconds?: number
  rateLimitPerMinute?: number
  /** Applies to GDPR requests made from now on. */
  gdprStepMs?: number
  /** Caps the bytes a second all upload bodies share, as an office uplink does; null lifts the cap. */
  uplinkBytesPerSecond?: number | null
  /** Permissions the API client's role lacks (e.g. recording:recording:view): routes that need one answer 403. */
  deniedPermissions?: string[]
  /** How long recording media links live from now on (links already handed out keep theirs). */
  mediaUrlLifetimeSeconds?: number
  /**
   * How fast batch download requests complete (default: the first result after 200 ms, then one every
   * 40 ms), for requests read from now on; benchmarks use a fast pace so 1,000 items do not take 40 s.
   */
  batchResultPace?: { firstMs: number; intervalMs: number }
  /** How long each phase of a flow export job lasts, for every job (its state is worked out from its age). */
  flowExportStepMs?: number
  /** How long after an accepted prompt upload the resource is transcoded (default 300; real timers), for uploads from now on. */
  promptTranscodeMs?: number
  /** The largest prompt file the uploadUri takes (default 25,000,000): tests lower it to check the 413. */
  promptUploadMaxBytes?: number
  /** The API client's credentials from now on (a rotated client): tokens issued before keep their client id. */
  client?: { id: string; secret: string }
}

export const runtimeOptionsSchema = z.strictObject({
  tokenLifetimeSeconds: z.number().positive().optional(),
  rateLimitPerMinute: z.number().int().positive().optional(),
  gdprStepMs: z.number().int().min(1).max(86_400_000).optional(),
  uplinkBytesPerSecond: z.number().int().min(1024).nullable().optional(),
  deniedPermissions: z
    .array(z.string().regex(/^[A-Za-z]+:[A-Za-z]+:[A-Za-z]+$/))
    .max(100)
    .optional(),
  // Wider than a real org's 120..3600 so tests and benchmarks can pick what they need.
  mediaUrlLifetimeSeconds: z.number().int().min(1).max(604_800).optional(),
  batchResultPace: z
    .strictObject({ firstMs: z.number().int().min(0).max(3_600_000), intervalMs: z.number().int().min(0).max(3_600_000) })
    .optional(),
  flowExportStepMs: z.number().int().min(0).max(3_600_000).optional(),
  promptTranscodeMs: z.number().int().min(0).max(3_600_000).optional(),
  promptUploadMaxBytes: z.number().int().min(1).max(2_000_000_000).optional(),
  client: z.strictObject({ id: z.string().min(1).max(200), secret: z.string().min(1).max(500) }).optional(),
})

export function applyRuntimeOptions(ctx: SandboxContext, options: RuntimeOptions): void {
  const parsed = runtimeOptionsSchema.parse(options)
  if (parsed.tokenLifetimeSeconds !== undefined) ctx.config.tokenLifetimeSeconds = parsed.tokenLifetimeSeconds
  if (parsed.rateLimitPerMinute !== undefined) {
    ctx.config.rateLimitPerMinute = parsed.rateLimitPerMinute
    ctx.rateLimiter.setLimit(parsed.rateLimitPerMinute)
  }
  if (parsed.gdprStepMs !== undefined) ctx.config.gdprStepMs = parsed.gdprStepMs
  if (parsed.uplinkBytesPerSecond !== undefined) {
    ctx.config.uplinkBytesPerSecond = parsed.uplinkBytesPerSecond
    ctx.uplink.setCap(parsed.uplinkBytesPerSecond)
  }
  if (parsed.deniedPermissions !== undefined) ctx.config.deniedPermissions = parsed.deniedPermissions
  if (parsed.mediaUrlLifetimeSeconds !== undefined) ctx.config.mediaUrlLifetimeSeconds = parsed.mediaUrlLifetimeSeconds
  if (parsed.batchResultPace) ctx.config.batchResultPace = parsed.batchResultPace
  if (parsed.flowExportStepMs !== undefined) ctx.config.flowExportStepMs = parsed.flowExportStepMs
  if (parsed.promptTranscodeMs !== undefined) ctx.config.promptTranscodeMs = parsed.promptTranscodeMs
  if (parsed.promptUploadMaxBytes !== undefined) ctx.config.promptUploadMaxBytes = parsed.promptUploadMaxBytes
  if (parsed.client) {
    ctx.config.clientId = parsed.client.id
    ctx.config.clientSecret = parsed.client.secret
  }
}
