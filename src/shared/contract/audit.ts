/**
 * The audit log viewer (issue 6): search, filter, verify, chart and export the local audit log, and
 * its retention settings. Spread into `methods` and `signals` in src/shared/api.ts. The filter, query,
 * export and metrics schemas live here because both the contract and the core's audit log use them.
 */
import { z } from 'zod'
import { method, signal } from './define'
import { Empty } from './common'
import type { JobView } from './jobs'

/** 'pending': a write-ahead intent, recorded before a state-changing request is sent; its outcome follows. */
export type AuditOutcome = 'ok' | 'error' | 'retry' | 'cancelled' | 'skipped' | 'pending'
export interface AuditEntry {
  seq: number
  time: string
  profile: string
  org: string
  action: string
  target: string
  outcome: AuditOutcome
  latencyMs?: number
  correlationId?: string
  /** Small, non-personal facts only (sizes, hashes, counts, versions); never bodies, secrets or tokens. */
  detail?: Record<string, string | number | boolean | null>
  /** SHA-256 (hex) of the previous line's exact text. */
  prev: string
}
/** The installation's audit key (signs the chain head and bundles), and what protects its private half. */
export interface AuditHeadKeyView {
  /** SHA-256 of the DER public key. */
  fingerprint: string
  /** True when the OS keychain sealed the private key. */
  keychain: boolean
  backend: string
  /** Set when no keychain protects it: the signed head then proves no more than the hash chain. */
  warning?: string
}

export interface AuditVerifyResult {
  ok: boolean
  entries: number
  headHash: string
  firstBad?: { line: number; seq?: number; reason: string }
  tornTail?: { path: string; bytes: number }
  /** The signed head anchor: the seq it vouches for, or why it cannot be trusted (then ok is false). */
  head?: { signedSeq?: number; problem?: string; key: AuditHeadKeyView }
}

export const AUDIT_OUTCOMES = ['ok', 'error', 'retry', 'cancelled', 'skipped', 'pending'] as const satisfies readonly AuditOutcome[]
export const AuditOutcomeSchema = z.enum(AUDIT_OUTCOMES)

// ---------- filter, query, export, metrics ----------
export const AuditFilterSchema = z
  .object({
    /** Inclusive start, any date the Date constructor reads (ISO 8601 advised). */
    from: z.string().max(40).optional(),
    /** Exclusive end. */
    to: z.string().max(40).optional(),
    profile: z.string().max(200).optional(),
    org: z.string().max(200).optional(),
    /** Case-insensitive; matches the start of the action or of any of its words (see core/audit/actionMatch.ts). */
    action: z.string().max(200).optional(),
    outcome: z.union([AuditOutcomeSchema, z.array(AuditOutcomeSchema).max(5)]).optional(),
    /** Case-insensitive text found in any field but seq and prev (detail as key=value). */
    text: z.string().max(200).optional(),
    /** Workflow steps only: leave out the api.call and api.intent lines written per HTTP request. */
    hideApiCalls: z.boolean().optional(),
  })
  .strict()
export type AuditFilter = z.infer<typeof AuditFilterSchema>

export const AuditQuerySchema = z
  .object({
    filter: AuditFilterSchema.optional(),
    /** How many matching entries to skip, newest first. */
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
    /** Ignore entries newer than this seq, so positions stay put while new entries arrive. */
    untilSeq: z.number().int().nonnegative().optional(),
  })
  .strict()
export type AuditQuery = z.input<typeof AuditQuerySchema>

/** An entry as search lists it: marked when it was read from an archived segment. */
export interface AuditListedEntry extends AuditEntry {
  /** The archive file (in archive/) the entry comes from; absent for entries of the live log. */
  archive?: string
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditListedEntry[]
  /** Matching entries up to headSeq; while totalPending, only those found so far. */
  total: number
  /** The first page came before the count: ask audit.count (same filter, untilSeq: headSeq) for the total. */
  totalPending?: boolean
  offset: number
  /** The newest seq the page considered: pass it back as untilSeq to page through a stable list. */
  headSeq: number
}

export const AuditCountSchema = z
  .object({
    filter: AuditFilterSchema.optional(),
    untilSeq: z.number().int().nonnegative().optional(),
  })
  .strict()
export type AuditCount = z.input<typeof AuditCountSchema>
export interface AuditCountResult {
  total: number
  headSeq: number
}

export const AUDIT_EXPORT_FORMATS = ['jsonl', 'csv', 'bundle'] as const
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number]
/** The file extension each format is written with (suggested names, save dialog filters). */
export const AUDIT_EXPORT_EXTENSIONS: Record<AuditExportFormat, string> = { jsonl: 'jsonl', csv: 'csv', bundle: 'zip' }

export const AuditExportSchema = z
  .object({
    format: z.enum(AUDIT_EXPORT_FORMATS),
    /** Where to write; an existing file is replaced only once the export is complete. */
    path: z.string().min(1).max(4096),
    filter: AuditFilterSchema.optional(),
  })
  .strict()
export type AuditExportRequest = z.input<typeof AuditExportSchema>

export interface AuditExportResult {
  path: string
  format: AuditExportFormat
  entries: number
  bytes: number
  /** SHA-256 of the written file. */
  sha256: string
  firstSeq?: number
  lastSeq?: number
  /** Matching lines left out because they are not well-formed entries (run verify to see why). */
  damaged: number
}

export const AuditMetricsSchema = z.object({ filter: AuditFilterSchema.optional() }).strict()
export type AuditMetricsRequest = z.input<typeof AuditMetricsSchema>

export interface WorkflowMetrics {
  workflow: string
  total: number
  outcomes: Record<AuditOutcome, number>
  /** ok / (ok + error); null when neither happened. */
  successRate: number | null
  latencyP50Ms: number | null
  latencyP95Ms: number | null
  retries: number
  rateLimitWaits: number
  rateLimitWaitSeconds: number
}

export interface ActivityBucket {
  /** ISO time the bucket starts. */
  start: string
  total: number
  outcomes: Record<AuditOutcome, number>
}

export interface AuditMetrics {
  entries: number
  firstTime?: string
  lastTime?: string
  bucketSeconds: number
  workflows: WorkflowMetrics[]
  activity: ActivityBucket[]
  /** Values seen, for the filter menus. */
  values: { profiles: string[]; orgs: string[]; actions: string[] }
}

export interface AuditSegmentInfo {
  name: string
  firstSeq: number
  bytes: number
  state: 'active' | 'closed' | 'archived'
  lastSeq?: number
}

// ---------- settings ----------
export const MIB_BYTES = 1024 * 1024
export const AuditSettingsSchema = z
  .object({
    /** The active file is closed as a segment once it reaches this size. */
    maxSegmentMiB: z.number().int().min(1, 'Segment size: 1 to 1024 MiB').max(1024, 'Segment size: 1 to 1024 MiB'),
    /**
     * After each rotation, archive closed segments beyond the newest N (gzip, chain kept verifiable);
     * null: never archive on its own (the Archive button still does).
     */
    keepClosedSegments: z.number().int().min(0, 'Keep 0 to 1000 segments').max(1000, 'Keep 0 to 1000 segments').nullable(),
  })
  .strict()
export type AuditSettings = z.infer<typeof AuditSettingsSchema>
export const AUDIT_SETTINGS_DEFAULTS: AuditSettings = { maxSegmentMiB: 64, keepClosedSegments: null }

export interface AuditSettingsView {
  settings: AuditSettings
  /** The folder holding the log's files. */
  logFolder: string
  /** Where exports go when the admin names no other place. */
  exportFolder: string
  /** SHA-256 of the public key that signs bundles: a reviewer compares it with a bundle's. */
  signingKeyFingerprint: string
  /** The same key: what protects it (keychain or not). */
  signingKey: AuditHeadKeyView
}

export interface AuditSegmentsView {
  logFolder: string
  segments: AuditSegmentInfo[]
  totalBytes: number
}

// ---------- export jobs ----------
export const AUDIT_EXPORT_JOB_KIND = 'audit.export'

export const AuditExportStartSchema = AuditExportSchema.extend({
  /** The admin confirmed replacing an existing file at `path`. */
  overwrite: z.boolean().default(false),
}).strict()
export type AuditExportStart = z.input<typeof AuditExportStartSchema>

/** An export job as the viewer shows it. */
export interface AuditExportView {
  job: JobView
  format: AuditExportFormat
  path: string
  filtered: boolean
  result?: AuditExportResult
}

// ---------- where to show ----------
export const AuditShowSchema = z.union([
  z.object({ target: z.literal('logFolder') }).strict(),
  z.object({ target: z.literal('export'), jobId: z.string().min(1).max(200) }).strict(),
])
export interface AuditShowResult {
  /** False in the web shell (no file manager to open): the screen shows the path to copy instead. */
  shown: boolean
  path: string
}

const TailInput = z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict()
const VerifyInput = z.object({ includeArchive: z.boolean().optional() }).strict()
const SuggestPathInput = z.object({ format: z.enum(AUDIT_EXPORT_FORMATS) }).strict()
const ArchiveInput = z.object({ keepClosedSegments: z.number().int().min(0).max(1000) }).strict()

export const auditMethods = {
  'audit.tail': method<typeof TailInput, AuditEntry[]>(TailInput),
  'audit.verify': method<typeof VerifyInput, AuditVerifyResult>(VerifyInput),
  'audit.query': method<typeof AuditQuerySchema, AuditPage>(AuditQuerySchema),
  /** The total for a filter; a query or count with another filter cancels it (rejects with 'cancelled'). */
  'audit.count': method<typeof AuditCountSchema, AuditCountResult>(AuditCountSchema),
  'audit.metrics': method<typeof AuditMetricsSchema, AuditMetrics>(AuditMetricsSchema),
  'audit.suggestExportPath': method<typeof SuggestPathInput, { path: string }>(SuggestPathInput),
  'audit.export': method<typeof AuditExportStartSchema, AuditExportView>(AuditExportStartSchema),
  'audit.exports': method<typeof Empty, AuditExportView[]>(Empty),
  'audit.segments': method<typeof Empty, AuditSegmentsView>(Empty),
  'audit.rotate': method<typeof Empty, AuditSegmentsView>(Empty),
  'audit.archive': method<typeof ArchiveInput, AuditSegmentsView & { archived: number }>(ArchiveInput),
  'audit.settings.get': method<typeof Empty, AuditSettingsView>(Empty),
  'audit.settings.set': method<typeof AuditSettingsSchema, AuditSettingsView>(AuditSettingsSchema),
  'audit.show': method<typeof AuditShowSchema, AuditShowResult>(AuditShowSchema),
}

/**
 * The log's own appends are a UI signal only (the Audit log screen shows new entries live), never an app
 * event: app events are recorded in the log, so the log announcing itself outside would only echo them.
 */
export const auditSignals = {
  'audit.appended': signal<AuditEntry>(),
}
