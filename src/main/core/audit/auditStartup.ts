/**
 * What openAuditLog finds on disk before it appends anything: a torn last line (set aside), archived
 * segments (where the live chain starts), the last line (where it continues), and whether the head
 * anchor agrees with the log (cut short, or last line changed, while Switchboard was not running).
 */
import { join } from 'node:path'
import type { FirstBad } from './chainBreak'
import type { ChainPoint } from './chainVerifier'
import { ACTIVE_FILE, HEAD_FILE, listSegments, tornFileName } from './auditFiles'
import { readArchiveIndex, removeArchivedLiveCopies } from './auditArchive'
import { GENESIS_HASH, parseAuditLine, readSeq } from './auditLine'
import { readHeadAnchor } from './headAnchor'
import { countLines, readLastLine } from './lastLine'
import { scanLines } from './lineScanner'
import { setAsideTornTail, type TornTail } from './tornTail'

export interface AuditStartupReport {
  tornTail?: TornTail
  /** A mismatch between the log and its head anchor found at start (cut short, last line changed). */
  integrity?: FirstBad
  /** The head anchor file was missing or unreadable while the log had entries. */
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
}

export async function inspectLogAtOpen(dir: string, now: Date): Promise<StartupState> {
  const activePath = join(dir, ACTIVE_FILE)
  const report: AuditStartupReport = {}
  const tornTail = await setAsideTornTail(activePath, join(dir, tornFileName('audit', now, 'jsonl')), (line) => parseAuditLine(line) !== undefined)
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
  const anchorRead = await readHeadAnchor(join(dir, HEAD_FILE))
  if (anchorRead.state === 'ok') {
    const anchor = anchorRead.anchor
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
    } else if (anchor.seq > 0) {
      checkpoints.push(anchor)
    }
  } else if (last.seq > chainStart.seq) {
    report.anchorProblem = `The head anchor (${HEAD_FILE}) was ${anchorRead.state}: whether entries were cut from the end of the log before this start cannot be checked.`
  }

  return { report, chainStart, head, activeFirstSeq: (await firstSeqOf(activePath)) ?? head.seq + 1, checkpoints }
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
