/** What readers of the log (query, export, metrics) see: a consistent, immutable view of its files. */
import type { ChainPoint } from './chainVerifier'

export interface SnapshotSegment {
  name: string
  path: string
  /** Seq of the segment's first line (for the active segment: of the line it starts or will start with). */
  firstSeq: number
  /** Bytes of the file that belong to the snapshot (whole lines). */
  end: number
  active: boolean
}

/** A segment as search, count and export read it: live, or archived (read from its gzip file). */
export interface SearchSegment {
  name: string
  /** The file read: the live segment, or the archived gzip. */
  path: string
  firstSeq: number
  /** Bytes of (decompressed) text that belong to the snapshot. */
  end: number
  /** The archive file name when the segment comes from archive/. */
  archive?: string
}

export interface AuditSnapshot {
  /** Live segments, oldest first; the active one last. */
  segments: SnapshotSegment[]
  /** The newest entry in the snapshot. */
  head: ChainPoint
  /** Where the live chain starts: genesis, or the last archived entry. */
  start: ChainPoint
  /** Archived segments, oldest first (search, count and export read them too). */
  archived?: SearchSegment[]
}

export interface AuditSource {
  /** Runs fn on a snapshot; segments are not rotated away or archived until it returns. */
  withSnapshot<T>(fn: (snapshot: AuditSnapshot) => Promise<T>): Promise<T>
}
