/**
 * The fast path of verify: line hashes do not depend on one another, so the main thread and workers
 * check the links inside byte ranges of the segments at the same time, and the main thread stitches
 * the ranges together. It only ever says "the whole chain is intact"; anything else (a doubt, a worker that
 * failed) returns undefined, and the sequential verifier reads the log again to find and name the
 * first bad line, so a verdict with a break is exactly what it always was.
 */
import { availableParallelism, loadavg } from 'node:os'
import type { ArchivedSegment } from '../auditArchive'
import type { AuditSnapshot } from '../auditSource'
import type { ChainPoint, ChainVerdict } from '../chainVerifier'
import { planChain } from './chainPlan'
import { stitchChain } from './stitchChain'
import { VerifyWorkers } from './verifyWorkers'

/** Below this the sequential check is done before the units are planned. */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024
/** Below this a worker would still be loading when the main thread is done: it checks alone. */
export const WORKER_MIN_BYTES = 32 * 1024 * 1024
const UNIT_BYTES = 8 * 1024 * 1024
const MAX_WORKERS = 3

export interface ParallelOptions {
  minBytes?: number
  unitBytes?: number
  /** Workers beside the main thread (which checks units too); 0: the main thread alone. */
  workers?: number
  /** False: the main thread leaves the units to the workers (tests: the workers' path). */
  mainThread?: boolean
}

/**
 * Workers only on cores nobody else is using. The main thread takes one core; a worker pays off only
 * on another that is idle. On a busy machine more threads buy no more CPU (the scheduler shares it
 * out per session, not per thread), so a worker's start and the units done twice at the end would
 * only add to the bill: the main thread then checks alone, which costs less CPU than sha256sum.
 */
export function workerCount(bytes: number, opts: ParallelOptions, cores = availableParallelism(), load = loadavg()[0]): number {
  if (opts.workers !== undefined) return opts.workers
  if (bytes < WORKER_MIN_BYTES) return 0
  // The load average counts this process too (about one while it works): only the rest is someone else's.
  const othersLoad = Math.max(0, load - 1)
  return Math.max(0, Math.min(MAX_WORKERS, cores - 1, Math.floor(cores - othersLoad)))
}

export async function verifyInParallel(
  dir: string,
  snapshot: AuditSnapshot,
  archived: ArchivedSegment[],
  start: ChainPoint,
  checkpoints: ReadonlyMap<number, string>,
  opts: ParallelOptions = {},
): Promise<ChainVerdict | undefined> {
  // The snapshot's sizes (the active file may have grown since) are enough to decide: workers start
  // loading now, while the files are measured.
  const known = archived.reduce((sum, a) => sum + a.bytes, 0) + snapshot.segments.reduce((sum, s) => sum + s.end, 0)
  const minBytes = opts.minBytes ?? PARALLEL_MIN_BYTES
  const pool = known >= minBytes ? new VerifyWorkers(workerCount(known, opts), checkpoints, { mainThread: opts.mainThread }) : undefined
  try {
    const plan = await planChain(dir, snapshot, archived, opts.unitBytes ?? UNIT_BYTES)
    if (plan.bytes < minBytes) return undefined
    const summaries = await (pool ?? new VerifyWorkers(0, checkpoints)).check(plan.files.flatMap((f) => f.units))
    return summaries && stitchChain(plan, summaries, start, checkpoints)
  } catch {
    // A file that went away or could not be read: the sequential check reports what it finds.
    return undefined
  } finally {
    await pool?.stop()
  }
}
