import type { ArchiveView, FlowArchiveManifest, RemoteDeliveryView } from '../../../../shared/contract/flows'

/** What the archive part hands over when a run completes: enough to put its copy together later. */
export interface ArchiveRunCopy {
  /** The completed run (its job id is the copy's id; the folder holds the manifest and files). */
  archive: Pick<ArchiveView, 'id' | 'flowId' | 'flowName' | 'folder'>
  /** The flow's manifest as the run wrote it (or found it, when nothing was new). */
  manifest: FlowArchiveManifest
  /**
   * The versions this run added to the manifest (its runs[] entry): the copy carries their files, and
   * its Idempotency-Key is theirs. Each must be listed in the manifest. Empty (nothing new): no copy.
   */
  versionIds: readonly string[]
  /** Whose org the run read (its audit entries name that profile); default: the active profile. */
  profileId?: string
}

/** A completed archive as the archive part announces it (its ArchivedRun, the fields used here). */
export interface CompletedArchive {
  view: ArchiveView
  manifest: FlowArchiveManifest
  profileId: string
  folder: string
  /** The versions the run added to the manifest; empty when it found nothing new. */
  versionIds: readonly string[]
}

/** An archive run the archive part knows, by id (its ArchiveRef). */
export interface KnownArchive {
  view: ArchiveView
  profileId: string
  folder: string
  versionIds: readonly string[]
}

/** The archive part's hooks the remote part connects to (core/flows/archive's ArchiveHooks). */
export interface ArchiveSide {
  onArchived(listener: (run: CompletedArchive) => void | Promise<void>): () => void
  setRemoteView(provider: (archiveId: string) => RemoteDeliveryView | undefined): void
  announce(archiveId: string): void
  archive(archiveId: string): KnownArchive | undefined
  /** Ids of the completed (done) archive runs, oldest first. */
  completedIds(): string[]
}
