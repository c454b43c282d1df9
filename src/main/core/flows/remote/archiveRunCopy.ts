import type { ArchiveView, FlowArchiveManifest, RemoteDeliveryView } from '../../../../shared/contract/flows'

/** What the archive part hands over when a run completes: enough to put its copy together later. */
export interface ArchiveRunCopy {
  /** The completed run (its job id is the copy's id; the folder holds the manifest and files). */
  archive: Pick<ArchiveView, 'id' | 'flowId' | 'flowName' | 'folder'>
  /** The flow's manifest as the run wrote it (or found it, when nothing was new). */
  manifest: FlowArchiveManifest
  /**
   * The run's versions: those it selected, written now or found already archived. Each must be listed
   * in the manifest. Omitted: every version the manifest lists.
   */
  versionIds?: readonly string[]
  /** Whose org the run read (its audit entries name that profile); default: the active profile. */
  profileId?: string
}

/** A completed archive as the archive part announces it (its ArchivedRun, the fields used here). */
export interface CompletedArchive {
  view: ArchiveView
  manifest: FlowArchiveManifest
  profileId: string
  folder: string
  /** The run's selected versions, when the archive part passes them; else every version of the manifest. */
  versionIds?: readonly string[]
}

/** The archive part's hooks the remote part connects to (core/flows/archive's ArchiveHooks). */
export interface ArchiveSide {
  onArchived(listener: (run: CompletedArchive) => void | Promise<void>): () => void
  setRemoteView(provider: (archiveId: string) => RemoteDeliveryView | undefined): void
  announce(archiveId: string): void
  archive(archiveId: string): { view: ArchiveView; profileId: string; folder: string } | undefined
}
