/**
 * Verifies the chain of a snapshot: optionally every archived segment first (from genesis), then the
 * live segments in order. Without the archive, the live chain must start from the last archived
 * line's hash. The active file is read to its end: lines appended since the snapshot are checked too,
 * and only bytes past the snapshot without a newline (a batch being written) are not held against it.
 * A large log is first checked by workers in parallel (verify/parallelChain.ts); only when that finds
 * something is the log read again line by line here, which names the first bad line.
 */
import { scanArchivedLines, type ArchivedSegment } from './auditArchive'
import { GENESIS_HASH } from './auditLine'
import type { AuditSnapshot } from './auditSource'
import { ChainVerifier, type ChainPoint, type ChainVerdict } from './chainVerifier'
import { scanLines } from './lineScanner'
import { verifyInParallel, type ParallelOptions } from './verify/parallelChain'

export async function verifySnapshot(
  dir: string,
  snapshot: AuditSnapshot,
  checkpoints: ChainPoint[],
  archived: ArchivedSegment[],
  parallel: ParallelOptions = {},
): Promise<ChainVerdict> {
  const start = archived.length > 0 ? { seq: 0, hash: GENESIS_HASH } : snapshot.start
  const archivedEnds = archived.map((a) => ({ seq: a.lastSeq, hash: a.lastHash }))
  const points = [...checkpoints, ...archivedEnds, snapshot.head]
  const intact = await verifyInParallel(dir, snapshot, archived, start, checkpointMap(start, points), parallel)
  if (intact) return intact
  const verifier = new ChainVerifier(start, points)
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

/** The checkpoints the chain is held to, as ChainVerifier keeps them (a later one for the same seq wins). */
function checkpointMap(start: ChainPoint, points: ChainPoint[]): Map<number, string> {
  const map = new Map<number, string>()
  for (const c of points) if (c.seq > start.seq) map.set(c.seq, c.hash)
  return map
}
