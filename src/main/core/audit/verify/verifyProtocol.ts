/** The messages between the parallel chain check (main thread) and its verify workers. */

/** A piece of the chain a worker checks on its own: the lines that start in a byte range of a live segment, or a whole archived (gzip) segment. */
export type ChainUnit = { kind: 'range'; path: string; start: number; end: number; fileEnd: number } | { kind: 'gzip'; path: string }

export interface VerifyWorkerData {
  /** seq → recorded hash, the same checkpoints the sequential verifier holds the lines to. */
  checkpoints: [number, string][]
}

export type ToVerifyWorker = { type: 'unit'; id: number; unit: ChainUnit }

/** What a unit's lines say about the chain, for stitching; `doubt` when anything needs the sequential check to explain. */
export interface UnitSummary {
  lines: number
  firstSeq: number
  firstPrev: string
  lastSeq: number
  lastHash: string
  /** File offset of bytes after the last newline (a line with no newline), if the unit ends a file that has them. */
  unterminatedAt?: number
  doubt?: string
}

/** `ready` once its code is loaded: only then is it handed units, which the main thread checks meanwhile. */
export type FromVerifyWorker =
  { type: 'ready' } | { type: 'done'; id: number; summary: UnitSummary } | { type: 'failed'; id: number; message: string }
