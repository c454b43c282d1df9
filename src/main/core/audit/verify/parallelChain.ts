/**
 * The fast path of verify: line hashes do not depend on one another, so workers check the links
 * inside byte ranges of the segments at the same time, and the main thread stitches the ranges
 * together. It only ever says "the whole chain is intact"; anything else (a doubt, a worker that
 * failed) returns undefined, and the sequential verifier reads the log again to find and name the
 * first bad line, so a verdict with a break is exactly what it always was.
 */
import { availableParallelism } from 'node:os'
import type { ArchivedSegment } from '../auditArchive'
import type { AuditSnapshot } from '../auditSource'
import type { ChainPoint, ChainVerdict } from '../chainVerifier'
import { planChain } from './chainPlan'
import { stitchChain } from './stitchChain'
import { checkUnitsInWorkers } from './verifyWorkers'

/** Below this the sequential check is done before workers have started. */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024
const UNIT_BYTES = 8 * 1024 * 1024
const MAX_WORKERS = 4

export interface ParallelOptions {
  minBytes?: number
  unitBytes?: number
  workers?: number
}

export async function verifyInParallel(
  dir: string,
  snapshot: AuditSnapshot,
  archived: ArchivedSegment[],
  start: ChainPoint,
  checkpoints: ReadonlyMap<number, string>,
  opts: ParallelOptions = {},
): Promise<ChainVerdict | undefined> {
  try {
    const plan = await planChain(dir, snapshot, archived, opts.unitBytes ?? UNIT_BYTES)
    if (plan.bytes < (opts.minBytes ?? PARALLEL_MIN_BYTES)) return undefined
    const workers = opts.workers ?? Math.min(MAX_WORKERS, availableParallelism())
    const summaries = await checkUnitsInWorkers(
      plan.files.flatMap((f) => f.units),
      checkpoints,
      workers,
    )
    return summaries && stitchChain(plan, summaries, start, checkpoints)
  } catch {
    // A file that went away or a worker that could not start: the sequential check reports what it finds.
    return undefined
  }
}
