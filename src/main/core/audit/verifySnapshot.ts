/**
 * Verifies the chain of a snapshot: optionally every archived segment first (from genesis), then the
 * live segments in order. Without the archive, the live chain must start from the last archived
 * line's hash. The active file is read to its end: lines appended since the snapshot are checked too,
 * and only bytes past the snapshot without a newline (a batch being written) are not held against it.
 */
import { scanArchivedLines, type ArchivedSegment } from './auditArchive'
import { GENESIS_HASH } from './auditLine'
import type { AuditSnapshot } from './auditSource'
import { ChainVerifier, type ChainPoint, type ChainVerdict } from './chainVerifier'
import { scanLines } from './lineScanner'

export async function verifySnapshot(
  dir: string,
  snapshot: AuditSnapshot,
  checkpoints: ChainPoint[],
  archived: ArchivedSegment[],
): Promise<ChainVerdict> {
  const start = archived.length > 0 ? { seq: 0, hash: GENESIS_HASH } : snapshot.start
  const archivedEnds = archived.map((a) => ({ seq: a.lastSeq, hash: a.lastHash }))
  const verifier = new ChainVerifier(start, [...checkpoints, ...archivedEnds, snapshot.head])
  for (const record of archived) {
    if (!verifier.wantsMore) break
    verifier.beginFile(`archive/${record.file}`, record.firstSeq)
    const result = await scanArchivedLines(dir, record, verifier.line)
    if (result.unterminated && verifier.wantsMore) verifier.unterminated()
  }
  for (const segment of snapshot.segments) {
    if (!verifier.wantsMore) break
    verifier.beginFile(segment.name, segment.firstSeq)
    const result = await scanLines(segment.path, {}, verifier.line)
    const torn = result.unterminated && (!segment.active || result.unterminated.offset < segment.end)
    if (torn && verifier.wantsMore) verifier.unterminated()
  }
  return verifier.verdict()
}
