/**
 * Recording uploads (issue 3): methods, signals, app events and the views the Uploads screen shows.
 * Spread into `methods`, `signals` and `appEvents` in src/shared/api.ts.
 */
import { z } from 'zod'
import type { AppErrorData } from '../errors'
import type { JobRetryWait } from './jobs'
import { appEvent, method, signal } from './define'
import { count, durationMs, entityId, isoTime, md5Base64, mimeType, sha256Hex } from './appEventFields'
import { Empty } from './common'

// ---------- audio types ----------
/** Types the app can recognise by content; the allowlist is a subset of these. */
export const AUDIO_TYPES = ['wav', 'mp3', 'm4a', 'ogg', 'flac'] as const
export const AudioType = z.enum(AUDIO_TYPES)
export type AudioType = z.infer<typeof AudioType>

// ---------- settings ----------
export const MIB = 1024 * 1024
export const UPLOAD_SETTINGS_DEFAULTS = {
  maxFileBytes: 500 * MIB,
  allowedTypes: ['wav', 'mp3', 'm4a', 'ogg'] as AudioType[],
  concurrency: 3,
}
export const UploadSettings = z
  .object({
    /** Largest file accepted, in bytes (1 byte to 5 GiB: the presigned PUT's single-request limit). */
    maxFileBytes: z
      .number()
      .int()
      .min(1, 'The size limit must be at least 1 byte')
      .max(5 * 1024 * MIB, 'The size limit can be at most 5 GiB'),
    allowedTypes: z.array(AudioType).min(1, 'Allow at least one type').max(AUDIO_TYPES.length),
    /** Uploads running at once, for the whole app. */
    concurrency: z.number().int().min(1, 'Concurrency: 1 to 16').max(16, 'Concurrency: 1 to 16'),
  })
  .strict()
export type UploadSettings = z.infer<typeof UploadSettings>
const UploadSettingsPatch = UploadSettings.partial().strict()

// ---------- inputs ----------
const Paths = z.array(z.string().min(1).max(4096)).min(1, 'Add at least one file or folder').max(20_000)
const PathsInput = z.object({ paths: Paths }).strict()
const Ids = z.object({ ids: z.array(z.string().min(1).max(200)).max(20_000).optional() }).strict()

export const BatchMetadata = z
  .object({
    department: z.string().trim().max(100).default(''),
    complianceTag: z.string().trim().max(100).default(''),
    retentionDirective: z.string().trim().max(100).default(''),
  })
  .strict()
export type BatchMetadata = z.infer<typeof BatchMetadata>

/** What a browser knows of a file before sending it: enough for the size and type checks. */
const StageCheckInput = z
  .object({
    name: z.string().min(1).max(1024),
    size: z.number().int().min(0),
    /** The first bytes (up to 4100), base64. */
    head: z
      .string()
      .max(8192)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'head must be base64'),
  })
  .strict()

export const UploadStartInput = z
  .object({
    paths: Paths,
    metadata: BatchMetadata.default({ department: '', complianceTag: '', retentionDirective: '' }),
    /** Upload files whose content was already uploaded to this org. */
    force: z.boolean().default(false),
  })
  .strict()

// ---------- views ----------
/** What a row shows. queued..failed are the workflow's states; the rest are the job's own. */
export type UploadRowState =
  'queued' | 'hashing' | 'uploading' | 'confirming' | 'done' | 'skipped' | 'failed' | 'refused' | 'paused' | 'interrupted' | 'cancelled'

export interface InspectedFile {
  path: string
  name: string
  size: number
  /** Detected from the content (magic bytes), when it is an audio type we know. */
  type?: AudioType
  /** What the content is, in words ("PNG", "WAV", "MP4 video"). */
  contentLabel?: string
  /** Length of the audio in seconds, read from the file (accepted files). */
  durationSeconds?: number
  /** The name it will be sent under when its own holds characters the API refuses (accepted files). */
  uploadName?: string
  /** Set when the file will not be uploaded, in plain words ("content is PNG, not WAV"). */
  refusal?: string
  /** What to do about the refusal. */
  hint?: string
}

export interface InspectResult {
  files: InspectedFile[]
  /** Things in dropped folders that are not offered at all (hidden files, loops), with why. */
  ignored: { path: string; reason: string }[]
}

/** Copy the file into this slot, or show it as refused at the path given (nothing was copied). */
export type StageCheck = { ok: true; slot: string } | { ok: false; path: string }

/** A file in the review list whose content is already in the org or earlier in the same list. */
export interface DuplicateFlag {
  path: string
  where: 'org' | 'list'
  /** The earlier file's name (in the org: as uploaded). */
  of: string
  uploadedAt?: string
}

export interface DuplicateReview {
  flags: DuplicateFlag[]
  /** False when the org could not be asked (offline, credentials): only the list was compared. */
  orgChecked: boolean
}

export interface UploadView {
  /** The job id; refused files: "refused:<batchId>:<n>". */
  id: string
  batchId: string
  name: string
  path: string
  size: number
  type?: AudioType
  /** Length of the audio in seconds, read from the file when it was checked. */
  durationSeconds?: number
  /** The name it is sent under, when it differs from `name` (the API refuses some characters). */
  uploadName?: string
  state: UploadRowState
  /** Bytes hashed or sent in the current step, of totalBytes. */
  doneBytes: number
  totalBytes: number
  /** Bytes of this file sent to the storage so far (all of them once uploaded; 0 while hashing). */
  sentBytes: number
  bytesPerSecond?: number
  etaSeconds?: number
  /** While an upload waits to try again after a 429, a 5xx or a network fault. */
  retry?: JobRetryWait
  /** Why it failed or was refused, with the correlation id when the API gave one. */
  error?: AppErrorData
  /** Why it was skipped (already uploaded to this org). */
  skipReason?: string
  sha256?: string
  uploadKey?: string
  retries?: number
  updatedAt: string
}

export interface BatchSummary {
  files: number
  uploaded: number
  skipped: number
  failed: number
  refused: number
  cancelled: number
  /** Queued, running, paused or interrupted. */
  unfinished: number
  /** Bytes of the files uploaded (finished rows only). */
  bytesUploaded: number
  /** Bytes sent so far, as the rows show them: uploaded files and what unfinished ones have sent. */
  bytesSent: number
  bytesTotal: number
  /** Time the batch was working: paused and interrupted time is not counted. */
  durationMs: number
  /** bytesSent over durationMs. */
  averageBytesPerSecond: number
}

export interface UploadBatchView {
  id: string
  createdAt: string
  profileName: string
  orgName: string
  metadata: BatchMetadata
  force: boolean
  finished: boolean
  summary: BatchSummary
}

export interface UploadsSnapshot {
  batches: UploadBatchView[]
  rows: UploadView[]
  settings: UploadSettings
}

/**
 * The app event for each recording that reached the org (for event delivery). No file name, org name or
 * batch metadata: those are typed by people and may name someone; a receiver looks them up by id.
 */
export const RecordingUploadedPayload = z
  .object({
    jobId: entityId(),
    batchId: entityId(),
    profileId: entityId(),
    orgId: entityId(),
    uploadKey: entityId(),
    size: count(),
    sha256: sha256Hex(),
    contentMd5: md5Base64(),
    contentType: mimeType(),
    latencyMs: durationMs(),
    retries: count(),
    uploadedAt: isoTime(),
  })
  .strict()
export type RecordingUploadedPayload = z.infer<typeof RecordingUploadedPayload>

export const uploadMethods = {
  'uploads.settings.get': method<typeof Empty, UploadSettings>(Empty),
  'uploads.settings.set': method<typeof UploadSettingsPatch, UploadSettings>(UploadSettingsPatch),
  /** Expands folders and checks each file (size, type by content and extension) without sending anything. */
  'uploads.inspect': method<typeof PathsInput, InspectResult>(PathsInput),
  /** Checks the files again and queues one upload per accepted file as a new batch. */
  'uploads.start': method<typeof UploadStartInput, UploadBatchView>(UploadStartInput),
  /** Web shell: size and type checks from a file's name, size and first bytes, before its bytes are copied. */
  'uploads.stage.check': method<typeof StageCheckInput, StageCheck>(StageCheckInput),
  /** Web shell: the files staged and not started yet, after a page reload. */
  'uploads.staged': method<typeof Empty, InspectResult>(Empty),
  /** Deletes the staged copies among these paths (the admin's own files are never touched). */
  'uploads.discard': method<typeof PathsInput, { removed: number }>(PathsInput),
  /** Which of these files are already in the org, or earlier in the list (same SHA-256). */
  'uploads.duplicates': method<typeof PathsInput, DuplicateReview>(PathsInput),
  'uploads.list': method<typeof Empty, UploadsSnapshot>(Empty),
  /** Without ids: every unfinished upload. */
  'uploads.cancel': method<typeof Ids, UploadView[]>(Ids),
  'uploads.pause': method<typeof Ids, UploadView[]>(Ids),
  /** Resumes paused and interrupted uploads. */
  'uploads.resume': method<typeof Ids, UploadView[]>(Ids),
  /** Runs failed uploads again. */
  'uploads.retry': method<typeof Ids, UploadView[]>(Ids),
  /** Removes finished rows (done, skipped, failed, refused, cancelled) and batches left empty. */
  'uploads.clear': method<typeof Empty, { removed: number }>(Empty),
}

export const uploadSignals = {
  'upload.changed': signal<UploadView>(),
  'upload.batchChanged': signal<UploadBatchView>(),
  'upload.removed': signal<{ ids: string[]; batchIds: string[] }>(),
}

export const uploadAppEvents = {
  'recording.uploaded': appEvent(RecordingUploadedPayload),
}
