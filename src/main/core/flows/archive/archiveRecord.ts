/**
 * What an archive job has done so far, as its journal lines say (archiveStore.ts). The job's params hold
 * what was asked; this holds what happened: the flow as read, the versions chosen, and one line per
 * version archived, fsynced before the next step relies on it, so a restart neither repeats a write nor
 * loses one.
 */
import type { AppErrorData } from '../../../../shared/errors'
import type { FlowProblem, FlowVersionRow } from '../../../../shared/contract/flows'

/** A chosen version with what its manifest row needs beyond the screen's row. */
export interface SelectedVersion extends FlowVersionRow {
  datePublishedRaw?: string
}

export interface VersionOutcome {
  id: string
  /**
   * written: its file was written now; existing: new to the manifest, but an intact file with the same
   * content was already there; already: the manifest had it and its file is intact (nothing was read).
   */
  outcome: 'written' | 'existing' | 'already'
  file: string
  sha256: string
  sizeBytes: number
  bytesWritten: number
  archivedAt: string
}

export interface ArchivedFlowInfo {
  name: string
  type: string
  division?: { id: string; name?: string }
  problems: FlowProblem[]
}

export type ArchiveLine =
  | ({ t: 'flow' } & ArchivedFlowInfo)
  | { t: 'org'; id: string; name?: string }
  | { t: 'read'; read: number; total: number }
  | { t: 'selected'; versions: SelectedVersion[]; missing: string[] }
  | ({ t: 'version' } & VersionOutcome)
  | { t: 'versionFailed'; id: string; error: AppErrorData }
  | { t: 'manifest'; sha256: string; path: string }
  | { t: 'reopened'; at: string }
  | { t: 'finished'; at: string; nothingNew: boolean; error?: AppErrorData }

export interface ArchiveRecord {
  /** The job's id. */
  id: string
  flow?: ArchivedFlowInfo
  org?: { id: string; name?: string }
  read?: number
  total?: number
  selected?: SelectedVersion[]
  /** Hand-picked ids the flow's history does not have. */
  missing: string[]
  outcomes: Map<string, VersionOutcome>
  failures: Map<string, AppErrorData>
  manifest?: { sha256: string; path: string }
  finished?: { at: string; nothingNew: boolean; error?: AppErrorData }
}

export function emptyRecord(id: string): ArchiveRecord {
  return { id, missing: [], outcomes: new Map(), failures: new Map() }
}

export function applyLine(record: ArchiveRecord, line: ArchiveLine): void {
  switch (line.t) {
    case 'flow': {
      const { t: _t, ...flow } = line
      record.flow = flow
      return
    }
    case 'org':
      record.org = { id: line.id, ...(line.name ? { name: line.name } : {}) }
      return
    case 'read':
      record.read = line.read
      record.total = line.total
      return
    case 'selected':
      record.selected = line.versions
      record.missing = line.missing
      return
    case 'version': {
      const { t: _t, ...outcome } = line
      record.outcomes.set(line.id, outcome)
      record.failures.delete(line.id)
      return
    }
    case 'versionFailed':
      if (!record.outcomes.has(line.id)) record.failures.set(line.id, line.error)
      return
    case 'manifest':
      record.manifest = { sha256: line.sha256, path: line.path }
      return
    case 'reopened':
      record.finished = undefined
      return
    case 'finished':
      record.finished = { at: line.at, nothingNew: line.nothingNew, ...(line.error ? { error: line.error } : {}) }
      return
  }
}

export interface ArchiveCounts {
  selected: number
  written: number
  alreadyArchived: number
  failed: number
}

export function countsOf(record: ArchiveRecord): ArchiveCounts & { bytesWritten: number } {
  let written = 0
  let alreadyArchived = 0
  let bytesWritten = 0
  for (const outcome of record.outcomes.values()) {
    if (outcome.outcome === 'already') alreadyArchived++
    else written++
    bytesWritten += outcome.bytesWritten
  }
  return {
    selected: (record.selected?.length ?? 0) + record.missing.length,
    written,
    alreadyArchived,
    failed: record.failures.size + record.missing.length,
    bytesWritten,
  }
}
