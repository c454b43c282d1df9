/**
 * Filtered, newest-first pages of the audit log that stay fast on a million entries. For each filter
 * the engine keeps, per segment, the byte offset and seq of every matching line (16 bytes a match):
 * built by one chunked scan the first time, then extended with only the bytes appended since. A page
 * is then a handful of positioned reads. Closed segments never change, so their matches are kept
 * until the segment is archived; a few recent filters are cached, the unfiltered index always.
 */
import type { AuditEntry } from '../../../shared/api'
import { AuditQuerySchema, type AuditPage, type AuditQuery } from '../../../shared/contract/audit'
import { compileFilter, type CompiledFilter } from './auditFilter'
import { parseAuditLine, readSeq } from './auditLine'
import type { AuditSnapshot, AuditSource, SnapshotSegment } from './auditSource'
import { GrowableArray } from './growableArray'
import { readLinesAt, scanLinesBackward } from './lineScanner'
import { scanMatches } from './matchScanner'

export { AuditQuerySchema, type AuditQuery, type AuditPage }

interface SegmentMatches {
  offsets: GrowableArray
  seqs: GrowableArray
  scannedTo: number
}

interface FilterMatches {
  filter: CompiledFilter
  segments: Map<number, SegmentMatches>
  busy: Promise<void>
  lastUsed: number
}

const MAX_CACHED_FILTERS = 4
/** Pages this close to the newest entry are read from the end of the log until the index is built. */
const FAST_TAIL_LINES = 2000

export class AuditQueryEngine {
  private readonly cache = new Map<string, FilterMatches>()
  private useCounter = 0

  constructor(private readonly source: AuditSource) {}

  async query(input: AuditQuery): Promise<AuditPage> {
    const q = AuditQuerySchema.parse(input)
    const filter = compileFilter(q.filter)
    return this.source.withSnapshot(async (snapshot) => {
      const headSeq = Math.min(q.untilSeq ?? snapshot.head.seq, snapshot.head.seq)
      if (filter.isEmpty && q.offset + q.limit <= FAST_TAIL_LINES && !this.cache.has(filter.key)) {
        // First look at the newest entries: read them from the end now, index the rest meanwhile.
        void this.warm(filter)
        const entries = await newestEntries(snapshot, headSeq, q.offset, q.limit)
        return { entries, total: headSeq - snapshot.start.seq, offset: q.offset, headSeq }
      }
      const matches = await this.matchesFor(filter, snapshot)
      const perSegment = snapshot.segments.map((segment) => {
        const m = matches.segments.get(segment.firstSeq)
        return { segment, m, count: m ? m.seqs.countAtMost(headSeq) : 0 }
      })
      const total = perSegment.reduce((sum, s) => sum + s.count, 0)
      const entries: AuditEntry[] = []
      let skip = q.offset
      let need = q.limit
      for (let i = perSegment.length - 1; i >= 0 && need > 0; i--) {
        const { segment, m, count } = perSegment[i]
        if (!m || skip >= count) {
          skip -= count
          continue
        }
        const newest = count - 1 - skip
        const take = Math.min(need, newest + 1)
        const offsets: number[] = []
        for (let k = newest - take + 1; k <= newest; k++) offsets.push(m.offsets.at(k))
        entries.push(...(await readEntries(segment, offsets)).reverse())
        need -= take
        skip = 0
      }
      return { entries, total, offset: q.offset, headSeq }
    })
  }

  private async warm(filter: CompiledFilter): Promise<void> {
    await this.source.withSnapshot((snapshot) => this.matchesFor(filter, snapshot)).catch(() => undefined)
  }

  private async matchesFor(filter: CompiledFilter, snapshot: AuditSnapshot): Promise<FilterMatches> {
    let matches = this.cache.get(filter.key)
    if (!matches) {
      matches = { filter, segments: new Map(), busy: Promise.resolve(), lastUsed: 0 }
      this.cache.set(filter.key, matches)
      this.evict()
    }
    matches.lastUsed = ++this.useCounter
    const current = matches
    const run = current.busy.then(() => extend(current, snapshot))
    current.busy = run.catch(() => undefined)
    await run
    return current
  }

  private evict(): void {
    if (this.cache.size <= MAX_CACHED_FILTERS) return
    const victims = [...this.cache.values()].filter((m) => !m.filter.isEmpty).sort((a, b) => a.lastUsed - b.lastUsed)
    if (victims[0]) this.cache.delete(victims[0].filter.key)
  }
}

/** Scans only what is new since the last time, and forgets segments that left the snapshot. */
async function extend(matches: FilterMatches, snapshot: AuditSnapshot): Promise<void> {
  const live = new Set(snapshot.segments.map((s) => s.firstSeq))
  for (const firstSeq of matches.segments.keys()) if (!live.has(firstSeq)) matches.segments.delete(firstSeq)
  for (const segment of snapshot.segments) {
    let m = matches.segments.get(segment.firstSeq)
    if (!m || m.scannedTo > segment.end) {
      m = { offsets: new GrowableArray(), seqs: new GrowableArray(), scannedTo: 0 }
      matches.segments.set(segment.firstSeq, m)
    }
    if (m.scannedTo >= segment.end) continue
    const target = m
    target.scannedTo = await scanMatches(
      segment.path,
      { start: target.scannedTo, end: segment.end },
      matches.filter,
      (buf, start, end, offset) => {
        target.offsets.push(offset)
        target.seqs.push(readSeq(buf, start, end) ?? 0)
      },
    )
  }
}

/** Entries newest first, skipping `offset` and any newer than headSeq, by reading backwards. */
async function newestEntries(snapshot: AuditSnapshot, headSeq: number, offset: number, limit: number): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = []
  let skip = offset
  for (const segment of [...snapshot.segments].reverse()) {
    if (entries.length >= limit) break
    await scanLinesBackward(segment.path, { end: segment.end }, (buf, start, end) => {
      const seq = readSeq(buf, start, end)
      if (seq !== undefined && seq > headSeq) return true
      if (skip > 0) {
        skip -= 1
        return true
      }
      const entry = parseAuditLine(buf.toString('utf8', start, end))
      if (entry) entries.push(entry)
      return entries.length < limit
    })
  }
  return entries
}

async function readEntries(segment: SnapshotSegment, offsets: number[]): Promise<AuditEntry[]> {
  const lines = await readLinesAt(segment.path, offsets)
  return lines.map(parseAuditLine).filter((e): e is AuditEntry => e !== undefined)
}
