/**
 * Archiving flow versions to a folder: each version's configuration as a content-addressed file
 * (configurations/<sha256>.json) and one manifest per flow (manifests/<flowId>.json) listing the flow and
 * its version matrix, validated before it is written. One folder holds many flows and many runs; a run
 * writes only what is new. Each flow's archive is a durable job (at most MAX_ARCHIVE_JOBS at once).
 */
import { z } from 'zod'
import type { AppErrorData } from '../../errors'
import { appEvent, method, signal } from '../define'
import { Empty } from '../common'
import { count, entityId, isoTime, sha256Hex } from '../appEventFields'
import { FlowId, FlowVersionId, type FlowProblem } from './common'

export const MAX_ARCHIVE_JOBS = 5

/** The seed's retention window: the last N days, at most M versions, published only by default. */
export const RetentionPolicy = z
  .object({
    lastDays: z.number().int().min(1).max(3650),
    maxVersions: z.number().int().min(1).max(10_000),
    publishedOnly: z.boolean(),
  })
  .strict()
export type RetentionPolicy = z.infer<typeof RetentionPolicy>
export const RETENTION_POLICY_DEFAULTS: RetentionPolicy = { lastDays: 365, maxVersions: 50, publishedOnly: true }

/** What the screen remembers between runs: the policy and the archive folder. */
export const FlowArchiveSettings = z
  .object({
    policy: RetentionPolicy,
    /** A full path; empty until the admin picks one. */
    folder: z.string().max(4096),
  })
  .strict()
export type FlowArchiveSettings = z.infer<typeof FlowArchiveSettings>
export const FlowArchiveSettingsPatch = z
  .object({ policy: RetentionPolicy.partial().strict().optional(), folder: z.string().max(4096).optional() })
  .strict()

/** Where the parts of an archive folder live, relative to it (POSIX separators in manifests). */
export const ARCHIVE_LAYOUT = {
  configurations: 'configurations',
  manifests: 'manifests',
  configurationFile: (sha256: string) => `configurations/${sha256}.json`,
  manifestFile: (flowId: string) => `manifests/${flowId}.json`,
} as const

export const ARCHIVE_MANIFEST_FORMAT = 'switchboard.flow-archive/1'

const IsoTime = z.iso.datetime({ offset: true })
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/)

/** One archived version: the version matrix's row. Dates as ISO 8601; `datePublished` also raw as the platform sent it. */
export const ArchivedVersion = z
  .object({
    id: FlowVersionId,
    name: z.string().max(200),
    commitVersion: z.string().max(200).optional(),
    configurationVersion: z.string().max(200).optional(),
    type: z.string().min(1).max(50),
    secure: z.boolean().optional(),
    debug: z.boolean().optional(),
    createdBy: z
      .object({ id: z.string().max(200), name: z.string().max(500).optional() })
      .strict()
      .optional(),
    dateCreated: IsoTime.optional(),
    dateCheckedIn: IsoTime.optional(),
    dateSaved: IsoTime.optional(),
    datePublished: IsoTime.optional(),
    datePublishedRaw: z.string().max(100).optional(),
    /** Relative to the archive folder: ARCHIVE_LAYOUT.configurationFile(sha256). */
    file: z.string().max(300),
    sizeBytes: z.number().int().min(0),
    sha256: Sha256,
    archivedAt: IsoTime,
  })
  .strict()
export type ArchivedVersion = z.infer<typeof ArchivedVersion>

/** manifests/<flowId>.json: the flow and every version archived so far (newest first), across runs. */
export const FlowArchiveManifest = z
  .object({
    format: z.literal(ARCHIVE_MANIFEST_FORMAT),
    org: z.object({ id: z.string().max(200), name: z.string().max(500).optional() }).strict(),
    flow: z
      .object({
        id: FlowId,
        name: z.string().max(500),
        type: z.string().max(100),
        division: z
          .object({ id: z.string().max(200), name: z.string().max(500).optional() })
          .strict()
          .optional(),
      })
      .strict(),
    updatedAt: IsoTime,
    /** One entry per archive run that wrote something, oldest first. */
    runs: z.array(z.object({ at: IsoTime, versionIds: z.array(FlowVersionId) }).strict()),
    versions: z.array(ArchivedVersion),
  })
  .strict()
export type FlowArchiveManifest = z.infer<typeof FlowArchiveManifest>

export const ArchiveFlowSelection = z
  .object({
    flowId: FlowId,
    /** Chosen by hand; omitted: chosen by the policy when the job runs. */
    versionIds: z.array(FlowVersionId).min(1).max(10_000).optional(),
  })
  .strict()

export const ArchiveStartInput = z
  .object({
    /** A full path; empty: the folder in the settings. */
    folder: z.string().max(4096),
    flows: z.array(ArchiveFlowSelection).min(1).max(1000),
    /** For flows without versionIds; omitted: the policy in the settings. */
    policy: RetentionPolicy.optional(),
  })
  .strict()
export type ArchiveStartInput = z.input<typeof ArchiveStartInput>

export type ArchiveState = 'queued' | 'running' | 'paused' | 'interrupted' | 'done' | 'failed' | 'cancelled'

/** The remote copy of one archive run (the seed's backup copy), when a remote archive is configured. */
export interface RemoteDeliveryView {
  state: 'pending' | 'sending' | 'waiting' | 'delivered' | 'already-archived' | 'failed'
  /** Derived from the flow id and the versions' ids and hashes: the same for every retry of the same content. */
  idempotencyKey: string
  attempts: number
  lastStatus?: number
  nextAttemptAt?: string
  deliveredAt?: string
  error?: AppErrorData
}

export interface ArchiveView {
  /** The job's id. */
  id: string
  /**
   * Rises with every view of this run the core hands out: a higher one is never older. The answer to
   * `flows.archive.start` or `.list` and the change signals come by different ways, in either order.
   */
  revision: number
  flowId: string
  flowName: string
  folder: string
  state: ArchiveState
  createdAt: string
  finishedAt?: string
  /** How the versions were chosen. */
  selection: 'policy' | 'manual'
  policy?: RetentionPolicy
  counts: { selected: number; written: number; alreadyArchived: number; failed: number }
  bytesWritten: number
  /** The run found every selected version already archived and wrote nothing. */
  nothingNew: boolean
  manifestPath?: string
  manifestSha256?: string
  /** Versions read of the flow's history so far (paging), and how many exist. */
  versionsRead?: number
  versionsTotal?: number
  remote?: RemoteDeliveryView
  error?: AppErrorData
  /** What the archive noticed about the flow and went on with (locked by another user: it can still be read). */
  flowProblems?: FlowProblem[]
}

export const FlowVersionsArchivedPayload = z
  .object({
    flowId: entityId(),
    versionsSelected: count(),
    versionsWritten: count(),
    versionsAlreadyArchived: count(),
    manifestSha256: sha256Hex(),
    archivedAt: isoTime(),
  })
  .strict()

export const flowArchiveMethods = {
  'flows.settings.get': method<typeof Empty, FlowArchiveSettings>(Empty),
  'flows.settings.set': method<typeof FlowArchiveSettingsPatch, FlowArchiveSettings>(FlowArchiveSettingsPatch),
  /** One archive job per flow; they run at most MAX_ARCHIVE_JOBS at once. */
  'flows.archive.start': method<typeof ArchiveStartInput, ArchiveView[]>(ArchiveStartInput),
  'flows.archive.list': method<typeof Empty, ArchiveView[]>(Empty),
  /** Removes finished archive runs from the list (the archive stays). */
  'flows.archive.clear': method<typeof Empty, { removed: number }>(Empty),
}

export const flowArchiveSignals = {
  'flows.archive.changed': signal<ArchiveView>(),
}

export const flowArchiveAppEvents = {
  'flow.versions.archived': appEvent(FlowVersionsArchivedPayload),
}
