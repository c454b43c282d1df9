/**
 * What search, count and export read: the archived segments (oldest first) and then the live ones,
 * in chain order. An archived segment is read from its gzip file; byte offsets into it are offsets
 * into its decompressed text, so the rest of the engine treats both kinds alike.
 */
import { join } from 'node:path'
import { ARCHIVE_DIR, type ArchivedSegment } from '../auditArchive'
import type { AuditSnapshot, SearchSegment } from '../auditSource'

export type { SearchSegment }

export function archivedSearchSegment(auditDir: string, record: ArchivedSegment): SearchSegment {
  return {
    name: record.name,
    path: join(auditDir, ARCHIVE_DIR, record.file),
    firstSeq: record.firstSeq,
    end: record.bytes,
    archive: record.file,
  }
}

/** Archived first, then live: oldest to newest. */
export function searchSegmentsOf(snapshot: AuditSnapshot): SearchSegment[] {
  const archived = snapshot.archived ?? []
  return [...archived, ...snapshot.segments.map((s) => ({ name: s.name, path: s.path, firstSeq: s.firstSeq, end: s.end }))]
}
