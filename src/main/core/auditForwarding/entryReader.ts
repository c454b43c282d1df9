/**
 * Reads the entries after a seq straight from the audit log's segment files, a batch at a time, never
 * the whole log into memory, and never through the append path (forwarding cannot slow the app down).
 * Only whole, written lines are read: an entry still in the log's write queue is read on a later pump.
 * Remembers where the last batch ended, so reading on is not a scan from the segment's start.
 */
import { open } from 'node:fs/promises'
import type { AuditOutcome } from '../../../shared/contract/audit'
import { AuditOutcomeSchema, hashLine, readSeq } from '../audit/auditLine'
import { listSegments } from '../audit/auditFiles'
import { scanLines } from '../audit/lineScanner'
import type { ForwardEntry } from './forwardEntry'

export interface ReadBatch {
  entries: ForwardEntry[]
  /** Entries after the seq that are no longer in the live log (archived before they were forwarded). */
  skipped?: { fromSeq: number; toSeq: number }
}

interface Segment {
  path: string
  firstSeq: number
}

interface Hint {
  path: string
  firstSeq: number
  /** File offset of the line holding nextSeq. */
  offset: number
  nextSeq: number
}

export class EntryReader {
  private hint: Hint | undefined

  constructor(
    private readonly dir: string,
    private readonly limits = { maxEntries: 2000, maxBytes: 1024 * 1024 },
  ) {}

  async readAfter(afterSeq: number): Promise<ReadBatch> {
    const segments = await this.segments()
    if (segments.length === 0) return { entries: [] }
    const wanted = afterSeq + 1
    let index = segments.findLastIndex((s) => s.firstSeq <= wanted)
    let skipped: ReadBatch['skipped']
    if (index < 0) {
      index = 0
      skipped = { fromSeq: wanted, toSeq: segments[0].firstSeq - 1 }
    }
    const entries: ForwardEntry[] = []
    let bytes = 0
    for (; index < segments.length; index++) {
      const segment = segments[index]
      const hint = this.hint
      const start = hint && hint.path === segment.path && hint.firstSeq === segment.firstSeq && hint.nextSeq <= wanted ? hint.offset : 0
      let endOffset = start
      let full = false
      const result = await scanLines(segment.path, { start }, (buf, from, to, fileOffset) => {
        const seq = readSeq(buf, from, to)
        if (seq === undefined || seq <= afterSeq) {
          endOffset = fileOffset + (to - from) + 1
          return true
        }
        const line = buf.toString('utf8', from, to)
        const parsed = parseEntry(line)
        endOffset = fileOffset + (to - from) + 1
        if (!parsed) return true
        entries.push({ ...parsed, hash: hashLine(line) })
        bytes += to - from
        full = entries.length >= this.limits.maxEntries || bytes >= this.limits.maxBytes
        return !full
      }).catch((error: NodeJS.ErrnoException) => {
        // Rotated or archived between the listing and the read: the next pump lists again.
        if (error.code === 'ENOENT') return { stopped: true }
        throw error
      })
      const last = entries.at(-1)
      if (last) this.hint = { path: segment.path, firstSeq: segment.firstSeq, offset: endOffset, nextSeq: last.seq + 1 }
      if (full || result.stopped) break
    }
    return skipped ? { entries, skipped } : { entries }
  }

  /** Live segments oldest first with their first seq; the active file only when it holds a line. */
  private async segments(): Promise<Segment[]> {
    const files = await listSegments(this.dir)
    const out: Segment[] = []
    for (const file of files) {
      const firstSeq = file.firstSeq ?? (await firstSeqOf(file.path))
      if (firstSeq !== undefined) out.push({ path: file.path, firstSeq })
    }
    return out
  }
}

const OUTCOMES: ReadonlySet<string> = new Set(AuditOutcomeSchema.options)

/** The fields senders need, checked by hand: this runs per entry on the way out and must stay cheap. */
function parseEntry(line: string): Omit<ForwardEntry, 'hash'> | undefined {
  let raw: { seq?: unknown; time?: unknown; action?: unknown; outcome?: unknown }
  try {
    raw = JSON.parse(line) as typeof raw
  } catch {
    return undefined
  }
  const { seq, time, action, outcome } = raw ?? {}
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return undefined
  if (typeof time !== 'string' || typeof action !== 'string' || typeof outcome !== 'string' || !OUTCOMES.has(outcome)) return undefined
  return { seq, line, time, action, outcome: outcome as AuditOutcome }
}

async function firstSeqOf(path: string): Promise<number | undefined> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch {
    return undefined
  }
  try {
    const buf = Buffer.alloc(32)
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0)
    const comma = buf.subarray(0, bytesRead).indexOf(44)
    return comma < 0 ? undefined : readSeq(buf, 0, bytesRead)
  } finally {
    await handle.close()
  }
}
