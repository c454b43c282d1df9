/**
 * Where the audit log keeps its files inside its folder:
 *   audit.jsonl                    the active segment (appended to)
 *   audit.<first seq>.jsonl        closed segments, oldest first (rotation)
 *   audit.head.json                the head anchor: seq and hash of the last durable line
 *   audit.runs/<pid>-<run id>.json one per process that has the log open: when it was last durable and
 *                                  alive; removed at a clean close (an older version's audit.state.json is read once)
 *   audit.jsonl.replaced-<time>    a file found in place of the active one while it was open (set aside)
 *   audit.torn-<time>.jsonl        torn last lines set aside at start-up
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'

export const ACTIVE_FILE = 'audit.jsonl'
export const HEAD_FILE = 'audit.head.json'
export const RUNS_DIR = 'audit.runs'
/** The single record versions before audit.runs/ shared between processes: read once, then removed. */
export const LEGACY_STATE_FILE = 'audit.state.json'
const SEGMENT_PATTERN = /^audit\.(\d{12})\.jsonl$/

export function segmentFileName(firstSeq: number): string {
  return `audit.${String(firstSeq).padStart(12, '0')}.jsonl`
}

export function tornFileName(prefix: string, at: Date, ext: string): string {
  return `${prefix}.torn-${at.toISOString().replace(/[:.]/g, '-')}.${ext}`
}

export interface SegmentFile {
  name: string
  path: string
  /** First seq of a closed segment; undefined for the active one. */
  firstSeq?: number
}

/** Closed segments oldest first, then the active file (which may not exist yet). */
export async function listSegments(dir: string): Promise<SegmentFile[]> {
  const names = await readdir(dir)
  const closed = names
    .map((name) => ({ name, match: SEGMENT_PATTERN.exec(name) }))
    .filter((x): x is { name: string; match: RegExpExecArray } => x.match !== null)
    .map(({ name, match }) => ({ name, path: join(dir, name), firstSeq: Number(match[1]) }))
    .sort((a, b) => a.firstSeq - b.firstSeq)
  return [...closed, { name: ACTIVE_FILE, path: join(dir, ACTIVE_FILE) }]
}
