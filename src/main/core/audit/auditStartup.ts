/**
 * What openAuditLog finds on disk before it appends anything: a torn last line (set aside), archived
 * segments (where the live chain starts), the last line (where it continues), and whether the signed
 * head anchor vouches for the log (signed by this installation's key, not cut short, last line not
 * changed, nothing added after it while Switchboard was not running).
 */
import { join } from 'node:path'
import type { FirstBad } from './chainBreak'
import type { ChainPoint } from './chainVerifier'
import { ACTIVE_FILE, HEAD_FILE, listSegments, tornFileName } from './auditFiles'
import { readArchiveIndex, removeArchivedLiveCopies } from './auditArchive'
import { GENESIS_HASH, parseAuditLine, readSeq } from './auditLine'
import type { AuditKeyLoad } from './auditSigning'
import { checkAnchor, readHeadAnchor } from './headAnchor'
import { countLines, readLastLine } from './lastLine'
import { scanLines } from './lineScanner'
import { setAsideTornTail, type TornTail } from './tornTail'

export interface AuditStartupReport {
  tornTail?: TornTail
  /** A mismatch between the log and its head anchor found at start (cut short, last line changed). */
  integrity?: FirstBad
  /**
   * The signed head anchor cannot vouch for the log: missing or unreadable while the log had entries,
   * unsigned, signed by another key, badly signed, entries after it, or the key cannot be unsealed.
   */
  anchorProblem?: string
  /** The last run did not close the log: entries appended in this window may not have reached the disk. */
  uncleanStop?: { lostFrom: string; lostUntil: string }
}

export interface StartupState {
  report: AuditStartupReport
  /** Where the live chain starts (genesis, or the last archived line). */
  chainStart: ChainPoint
  /** The last line on disk: the chain continues from it. */
  head: ChainPoint
  /** Seq of the active segment's first line (or of the next entry when it is empty). */
  activeFirstSeq: number
  /** Recorded head hashes that verify must find in the log. */
  checkpoints: ChainPoint[]
  /** Set on the first start with signed heads over an existing log: the seq the signature starts at. */
  signedFrom?: number
}

export async function inspectLogAtOpen(dir: string, now: Date, key: AuditKeyLoad): Promise<StartupState> {
  const activePath = join(dir, ACTIVE_FILE)
  const report: AuditStartupReport = {}
  const tornTail = await setAsideTornTail(
    activePath,
    join(dir, tornFileName('audit', now, 'jsonl')),
    (line) => parseAuditLine(line) !== undefined,
  )
  if (tornTail) report.tornTail = tornTail

  const archived = await readArchiveIndex(dir)
  const lastArchived = archived.at(-1)
  const chainStart: ChainPoint = lastArchived ? { seq: lastArchived.lastSeq, hash: lastArchived.lastHash } : { seq: 0, hash: GENESIS_HASH }
  const all = await listSegments(dir)
  const closed = await removeArchivedLiveCopies(dir, all.slice(0, -1), archived)
  const segments = [...closed, all[all.length - 1]]
  const last = (await readLastLine(segments)) ?? { ...chainStart, file: ACTIVE_FILE, path: activePath }
  const head = { seq: last.seq, hash: last.hash }

  const checkpoints: ChainPoint[] = []
  const problems: string[] = key.problem ? [key.problem] : []
  const anchorRead = await readHeadAnchor(join(dir, HEAD_FILE))
  const check = checkAnchor(anchorRead, key.public)
  let anchor: ChainPoint | undefined
  let signedFrom: number | undefined
  if (check.ok) {
    anchor = check.anchor
  } else if (check.unsigned && key.created && anchorRead.state === 'ok') {
    // First start with signed heads: the old anchor still counts once; the head is signed from here on.
    anchor = { seq: anchorRead.anchor.seq, hash: anchorRead.anchor.hash }
    signedFrom = head.seq
  } else if (anchorRead.state !== 'missing' || last.seq > 0) {
    problems.push(`${check.problem} (found at start-up)`)
  }
  if (anchor) {
    if (anchor.seq > last.seq) {
      const lines = await countLines(last.path)
      report.integrity = {
        file: last.file,
        line: lines + 1,
        seq: last.seq + 1,
        reason: `Entries are missing after line ${lines} of ${last.file} (seq ${last.seq}): the log was cut short. Entries up to seq ${anchor.seq} had been written (found at start-up).`,
      }
    } else if (anchor.seq === last.seq && anchor.hash !== last.hash) {
      const lines = await countLines(last.path)
      report.integrity = {
        file: last.file,
        line: lines,
        seq: last.seq,
        reason: `line ${lines} of ${last.file} (seq ${last.seq}) was changed: it no longer matches the head hash recorded when it was written (found at start-up).`,
      }
    } else {
      if (anchor.seq > 0) checkpoints.push(anchor)
      if (anchor.seq < last.seq && signedFrom === undefined) {
        problems.push(
          `Entries seq ${anchor.seq + 1} to ${last.seq} come after the signed head (seq ${anchor.seq}) and are not covered by its signature: Switchboard stopped before signing them, or someone else added them (found at start-up).`,
        )
      }
    }
  }
  if (problems.length > 0) report.anchorProblem = problems.join(' ')

  return {
    report,
    chainStart,
    head,
    activeFirstSeq: (await firstSeqOf(activePath)) ?? head.seq + 1,
    checkpoints,
    ...(signedFrom !== undefined ? { signedFrom } : {}),
  }
}

async function firstSeqOf(path: string): Promise<number | undefined> {
  let seq: number | undefined
  await scanLines(path, { chunkSize: 64 * 1024 }, (buf, start, end) => {
    seq = readSeq(buf, start, end)
    return false
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
  })
  return seq
}
