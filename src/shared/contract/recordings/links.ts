/**
 * Download links: one recording in a chosen format. The link is a bearer credential: it reaches the
 * screen (to copy) and nowhere else; the audit log keeps host and path, never the query.
 */
import { z } from 'zod'
import { appEvent, method } from '../define'
import { Empty } from '../common'
import { count, entityId, isoTime, oneOf } from '../appEventFields'
import { RECORDING_FORMATS, RecordingFormatSchema, RecordingRef, type FileState, type RecordingFormat } from './common'

/** The seed's validation rule, as the admin sets it: which formats, and the longest link lifetime accepted. */
export const RecordingPolicy = z
  .object({
    allowedFormats: z.array(RecordingFormatSchema).min(1),
    /** The org's link lifetime is 2..60 minutes; a link living longer than this is flagged. */
    maxLinkLifetimeMinutes: z.number().int().min(1).max(60),
    defaultFormat: RecordingFormatSchema,
  })
  .strict()
export type RecordingPolicy = z.infer<typeof RecordingPolicy>
export const RECORDING_POLICY_DEFAULTS: RecordingPolicy = {
  allowedFormats: [...RECORDING_FORMATS],
  maxLinkLifetimeMinutes: 60,
  defaultFormat: 'WAV',
}
export const RecordingPolicyPatch = RecordingPolicy.partial().strict()

export const RecordingLinkInput = RecordingRef.extend({ format: RecordingFormatSchema }).strict()
export type RecordingLinkInput = z.infer<typeof RecordingLinkInput>

export type RecordingLink =
  | {
      state: 'ready'
      conversationId: string
      recordingId: string
      format: RecordingFormat
      url: string
      /** From the URL's own expiry (X-Amz-Date + X-Amz-Expires, Expires) or else the org's link lifetime. */
      expiresAt: string
      expirySource: 'url' | 'org-lifetime'
      /** Seconds the link lives from its signing (the URL's own lifetime, or the org's). */
      lifetimeSeconds: number
      generatedAt: string
      /** What breaks the policy (a format not allowed, a lifetime above the maximum); empty when none. */
      policyViolations: string[]
      correlationId?: string
    }
  | {
      /** 202, or no media URI yet: ask again at retryAt (the screen does it on its own). */
      state: 'transcoding'
      conversationId: string
      recordingId: string
      format: RecordingFormat
      estimatedMs?: number
      retryAt: string
    }
  | {
      /** ARCHIVED, DELETED, RESTORING, ERROR, ...: no link can be had now, and why. */
      state: 'unavailable'
      conversationId: string
      recordingId: string
      format: RecordingFormat
      fileState: FileState
      reason: string
      hint: string
    }

export const MediaUrlGeneratedPayload = z
  .object({
    conversationId: entityId(),
    recordingId: entityId(),
    format: oneOf(RECORDING_FORMATS),
    expiresAt: isoTime(),
    lifetimeSeconds: count(),
    generatedAt: isoTime(),
  })
  .strict()

export const recordingLinkMethods = {
  'recordings.policy.get': method<typeof Empty, RecordingPolicy>(Empty),
  'recordings.policy.set': method<typeof RecordingPolicyPatch, RecordingPolicy>(RecordingPolicyPatch),
  /** A download link for one recording, or why not yet / not at all. */
  'recordings.link': method<typeof RecordingLinkInput, RecordingLink>(RecordingLinkInput),
}

export const recordingLinkAppEvents = {
  'media.url.generated': appEvent(MediaUrlGeneratedPayload),
}
