/**
 * Downloads: selected recordings saved to a folder through batch download requests (at most 100 items
 * each), as durable jobs with progress per file and overall, a CSV manifest with SHA-256 beside the
 * files, and the admin's choice for files that already exist.
 */
import { z } from 'zod'
import type { AppErrorData } from '../../errors'
import { method, signal } from '../define'
import { Empty, Id } from '../common'
import { RecordingRef } from './common'

export const EXISTING_FILE_CHOICES = ['overwrite', 'skip', 'rename'] as const
export type ExistingFileChoice = (typeof EXISTING_FILE_CHOICES)[number]

/**
 * A recording to download. `startTime` (from the find results) puts the time first in the file name;
 * without it the name starts with the conversation id.
 */
export const DownloadItemRef = RecordingRef.extend({ startTime: z.iso.datetime({ offset: true }).optional() }).strict()
export type DownloadItemRef = z.infer<typeof DownloadItemRef>

export const DownloadStartInput = z
  .object({
    items: z.array(DownloadItemRef).min(1).max(50_000),
    /** A full path; created if missing. Empty: the default folder (see recordings.downloads.checkFolder). */
    folder: z.string().max(4096),
    /** What to do with a file that already exists: ask (the item waits for a decision) or one choice for all. */
    onExisting: z.enum(['ask', ...EXISTING_FILE_CHOICES]).default('ask'),
    /** Also save each conversation's transcript (when Speech and Text Analytics has one). */
    transcripts: z.boolean().default(false),
  })
  .strict()
export type DownloadStartInput = z.input<typeof DownloadStartInput>

export const DownloadDecisionInput = z
  .object({
    id: z.string().min(1).max(200),
    /** The items asked about; omitted: every item of this download waiting for a decision ("apply to all"). */
    itemKeys: z.array(z.string().min(1).max(500)).max(50_000).optional(),
    choice: z.enum(EXISTING_FILE_CHOICES),
  })
  .strict()

export const FolderCheckInput = z.object({ folder: z.string().max(4096) }).strict()

/** The folder as it will be used: its real path, whether it exists yet (else it is created at the start), and the default. */
export interface RecordingsFolderCheck {
  folder: string
  exists: boolean
  /** The admin named no folder: the default is used. */
  isDefault: boolean
  defaultFolder: string
}

export type DownloadItemState =
  'waiting' | 'requested' | 'downloading' | 'verifying' | 'asking' | 'saved' | 'skipped' | 'failed' | 'cancelled'

export interface DownloadItemView {
  /** `${conversationId}/${recordingId}` */
  key: string
  conversationId: string
  recordingId: string
  startTime?: string
  state: DownloadItemState
  /** As the batch result gave it (audio/wav for original media). */
  contentType?: string
  /** Final file name, once known (the extension follows the content type). */
  fileName?: string
  path?: string
  bytes: number
  totalBytes?: number
  sha256?: string
  /** Saved under another name because the first one existed (rename). */
  renamedFrom?: string
  /** The existing file the admin is asked about. */
  existingPath?: string
  error?: AppErrorData
}

export type DownloadState = 'queued' | 'running' | 'paused' | 'interrupted' | 'done' | 'failed' | 'cancelled'

export interface DownloadView {
  id: string
  /** Higher is newer (answers and signals come by different ways, in either order); it keeps rising across restarts. */
  revision: number
  folder: string
  state: DownloadState
  createdAt: string
  finishedAt?: string
  counts: { total: number; saved: number; skipped: number; failed: number; asking: number; active: number }
  bytes: number
  /** Known once every item's size is known. */
  totalBytes?: number
  bytesPerSecond?: number
  etaSeconds?: number
  /** Batch requests submitted / completed so far. */
  batches: { submitted: number; completed: number }
  transcripts: boolean
  manifestPath?: string
  /** Per conversation, when transcripts were asked for: saved, none (with why), or failed (with the error). */
  transcriptOutcomes?: { conversationId: string; state: 'saved' | 'none' | 'failed'; reason?: string }[]
  /** Why the download as a whole stopped or failed, when it did. */
  error?: AppErrorData
  items: DownloadItemView[]
}

export const recordingDownloadMethods = {
  'recordings.downloads.start': method<typeof DownloadStartInput, DownloadView>(DownloadStartInput),
  'recordings.downloads.list': method<typeof Empty, DownloadView[]>(Empty),
  'recordings.downloads.decide': method<typeof DownloadDecisionInput, DownloadView>(DownloadDecisionInput),
  'recordings.downloads.pause': method<typeof Id, DownloadView>(Id),
  'recordings.downloads.resume': method<typeof Id, DownloadView>(Id),
  'recordings.downloads.cancel': method<typeof Id, DownloadView>(Id),
  /** Runs the failed items of a download again. */
  'recordings.downloads.retry': method<typeof Id, DownloadView>(Id),
  /**
   * Checks a folder for downloads and transcript saves before anything starts, without making it: a full
   * path, outside the data folder, a folder, writable, or missing but creatable. Fails with an AppError
   * (fieldName folder) saying which and what to do. Empty: the default folder.
   */
  'recordings.downloads.checkFolder': method<typeof FolderCheckInput, RecordingsFolderCheck>(FolderCheckInput),
  /**
   * Opens the file manager on the download's manifest (or its folder, before the manifest exists). The
   * desktop app only (AppInfo.canShowInFolder): the web shell answers shown: false with the path to copy.
   */
  'recordings.downloads.show': method<typeof Id, { shown: boolean; path: string }>(Id),
  /** Removes finished downloads from the list (the files stay). */
  'recordings.downloads.clear': method<typeof Empty, { removed: number }>(Empty),
}

export const recordingDownloadSignals = {
  'recordings.download.changed': signal<DownloadView>(),
}
