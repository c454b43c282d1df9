/**
 * Cuts the chain of a snapshot into units that workers can check independently: each archived
 * segment whole (gzip cannot be entered mid-stream), each live segment in byte ranges. Files keep
 * their order, so the summaries can be stitched back into one chain.
 */
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { ARCHIVE_DIR, type ArchivedSegment } from '../auditArchive'
import type { AuditSnapshot } from '../auditSource'
import type { ChainUnit } from './verifyProtocol'

export interface PlannedFile {
  /** As the sequential verifier names it (archive/<file> for archived segments). */
  name: string
  firstSeq: number
  units: ChainUnit[]
  /** Bytes after the last newline at or past this offset are a batch being written, not a tear (active file only). */
  tearBefore: number
}

export interface ChainPlan {
  files: PlannedFile[]
  bytes: number
}

export async function planChain(dir: string, snapshot: AuditSnapshot, archived: ArchivedSegment[], unitBytes: number): Promise<ChainPlan> {
  const files: PlannedFile[] = []
  let bytes = 0
  for (const record of archived) {
    files.push({
      name: `archive/${record.file}`,
      firstSeq: record.firstSeq,
      units: [{ kind: 'gzip', path: join(dir, ARCHIVE_DIR, record.file) }],
      tearBefore: Infinity,
    })
    bytes += record.bytes
  }
  for (const segment of snapshot.segments) {
    // Read to the file's end now, as the sequential check does: lines appended since the snapshot count too.
    const fileEnd = (await stat(segment.path)).size
    const units: ChainUnit[] = []
    for (let start = 0; start < fileEnd; start += unitBytes) {
      units.push({ kind: 'range', path: segment.path, start, end: Math.min(fileEnd, start + unitBytes), fileEnd })
    }
    files.push({ name: segment.name, firstSeq: segment.firstSeq, units, tearBefore: segment.active ? segment.end : Infinity })
    bytes += fileEnd
  }
  return { files, bytes }
}
