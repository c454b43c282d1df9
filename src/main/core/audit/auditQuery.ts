/**
 * Filtered, newest-first pages of the audit log, archived segments included, that stay fast on a
 * million entries. The first page of a filter comes from reading the segments backwards from the end
 * and stopping at the page's last match, so it does not wait for the total: that follows from count(),
 * which builds, per segment, the byte offset and seq of every matching line (16 bytes a match) in one
 * chunked scan, then extends it with only the bytes appended since. Later pages are a handful of
 * positioned reads. Closed and archived segments never change, so their matches are kept; a few recent
 * filters are cached, the unfiltered index always. Asking about a new filter cancels the unfinished
 * count of the one before (the admin typed on): its callers get a 'cancelled' error.
 */
import { AppError } from '../../../shared/errors'
import {
  AuditQuerySchema,
  AuditCountSchema,
  type AuditCount,
  type AuditCountResult,
  type AuditListedEntry,
  type AuditPage,
  type AuditQuery,
} from '../../../shared/contract/audit'
import { compileFilter, type CompiledFilter } from './auditFilter'
import { parseAuditLine, readSeq } from './auditLine'
import type { AuditSnapshot, AuditSource } from './auditSource'
import { GrowableArray } from './growableArray'
import { scanMatches, scanMatchesBackward } from './matchScanner'
import { readSegmentLines } from './search/byteSource'
import { searchSegmentsOf, type SearchSegment } from './search/searchSegment'

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
  /** Aborted when the admin moves on to another filter; replaced for the next count. */
  controller: AbortController
  /** True once one count ran to the end: from then on pages and totals come from the index. */
  complete: boolean
}

const MAX_CACHED_FILTERS = 4

export class AuditQueryEngine {
  private readonly cache = new Map<string, FilterMatches>()
  private useCounter = 0

  constructor(private readonly source: AuditSource) {}

  async query(input: AuditQuery): Promise<AuditPage> {
    const q = AuditQuerySchema.parse(input)
    const filter = compileFilter(q.filter)
    this.cancelOthers(filter.key)
    return this.source.withSnapshot(async (snapshot) => {
      const headSeq = Math.min(q.untilSeq ?? snapshot.head.seq, snapshot.head.seq)
      const segments = searchSegmentsOf(snapshot)
      if (q.offset === 0 && !this.cache.get(filter.key)?.complete) {
        const first = await newestMatches(segments, filter, headSeq, q.limit)
        const entries = first.entries
        if (filter.isEmpty) {
          void this.warm(filter)
          return { entries, total: headSeq - chainStartSeq(snapshot), offset: 0, headSeq }
        }
        if (first.exhausted) return { entries, total: first.matched, offset: 0, headSeq }
        void this.warm(filter)
        return { entries, total: entries.length, totalPending: true, offset: 0, headSeq }
      }
      const matches = await this.matchesFor(this.entryFor(filter), snapshot)
      return pageFromIndex(matches, segments, headSeq, q.offset, q.limit)
    })
  }

  /** The number of matching entries up to untilSeq (or the head), scanning what no count has scanned yet. */
  async count(input: AuditCount): Promise<AuditCountResult> {
    const q = AuditCountSchema.parse(input)
    const filter = compileFilter(q.filter)
    this.cancelOthers(filter.key)
    const entry = this.entryFor(filter)
    return this.source.withSnapshot(async (snapshot) => {
      const headSeq = Math.min(q.untilSeq ?? snapshot.head.seq, snapshot.head.seq)
      const matches = await this.matchesFor(entry, snapshot)
      let total = 0
      for (const m of matches.segments.values()) total += m.seqs.countAtMost(headSeq)
      return { total, headSeq }
    })
  }

  /** Stops every count still running (the log is closing: nothing will read their results). */
  close(): void {
    for (const m of this.cache.values()) m.controller.abort()
  }

  private cancelOthers(key: string): void {
    for (const m of this.cache.values()) {
      if (m.filter.key === key || m.controller.signal.aborted) continue
      m.controller.abort()
      m.controller = new AbortController()
    }
  }

  private async warm(filter: CompiledFilter): Promise<void> {
    const entry = this.entryFor(filter)
    await this.source.withSnapshot((snapshot) => this.matchesFor(entry, snapshot)).catch(() => undefined)
  }

  /**
   * The filter's index and the signal that cancels its count, taken when the request arrives (not when
   * it gets its snapshot), so a request for another filter made after it always cancels it.
   */
  private entryFor(filter: CompiledFilter): { matches: FilterMatches; signal: AbortSignal } {
    let matches = this.cache.get(filter.key)
    if (!matches) {
      matches = { filter, segments: new Map(), busy: Promise.resolve(), lastUsed: 0, controller: new AbortController(), complete: false }
      this.cache.set(filter.key, matches)
    }
    // Marked used before evicting, so the filter just asked for is never the one dropped.
    matches.lastUsed = ++this.useCounter
    this.evict()
    return { matches, signal: matches.controller.signal }
  }

  private async matchesFor(entry: { matches: FilterMatches; signal: AbortSignal }, snapshot: AuditSnapshot): Promise<FilterMatches> {
    const { matches: current, signal } = entry
    const run = current.busy.then(() => extend(current, searchSegmentsOf(snapshot), signal))
    current.busy = run.catch(() => undefined)
    try {
      await run
    } catch (error) {
      if (signal.aborted) throw cancelled()
      throw error
    }
    current.complete = true
    return current
  }

  private evict(): void {
    if (this.cache.size <= MAX_CACHED_FILTERS) return
    const victims = [...this.cache.values()].filter((m) => !m.filter.isEmpty).sort((a, b) => a.lastUsed - b.lastUsed)
    if (victims[0]) {
      victims[0].controller.abort()
      this.cache.delete(victims[0].filter.key)
    }
  }
}

function cancelled(): AppError {
  return new AppError({
    code: 'cancelled',
    message: 'The count was stopped: a search with another filter started.',
    hint: 'The newest filter is counted instead; nothing needs doing.',
  })
}

/** The seq before the oldest entry searched: the archive's start, or where the live chain starts. */
function chainStartSeq(snapshot: AuditSnapshot): number {
  const oldestArchived = snapshot.archived?.[0]
  return oldestArchived ? oldestArchived.firstSeq - 1 : snapshot.start.seq
}

/** Scans only what is new since the last time, and forgets segments that left the snapshot. */
async function extend(matches: FilterMatches, segments: SearchSegment[], signal: AbortSignal): Promise<void> {
  signal.throwIfAborted()
  const live = new Set(segments.map((s) => s.firstSeq))
  for (const firstSeq of matches.segments.keys()) if (!live.has(firstSeq)) matches.segments.delete(firstSeq)
  for (const segment of segments) {
    let m = matches.segments.get(segment.firstSeq)
    if (!m || m.scannedTo > segment.end) {
      m = { offsets: new GrowableArray(), seqs: new GrowableArray(), scannedTo: 0 }
      matches.segments.set(segment.firstSeq, m)
    }
    if (m.scannedTo >= segment.end) continue
    const target = m
    await scanMatches(
      segment,
      { start: target.scannedTo, end: segment.end },
      matches.filter,
      (buf, start, end, offset) => {
        target.offsets.push(offset)
        target.seqs.push(readSeq(buf, start, end) ?? 0)
      },
      // Kept in step with the matches pushed, so a cancelled count resumes where it stopped.
      async (offset) => {
        target.scannedTo = offset
        signal.throwIfAborted()
      },
    )
  }
}

/** A page of the index, newest first. */
async function pageFromIndex(
  matches: FilterMatches,
  segments: SearchSegment[],
  headSeq: number,
  offset: number,
  limit: number,
): Promise<AuditPage> {
  const perSegment = segments.map((segment) => {
    const m = matches.segments.get(segment.firstSeq)
    return { segment, m, count: m ? m.seqs.countAtMost(headSeq) : 0 }
  })
  const total = perSegment.reduce((sum, s) => sum + s.count, 0)
  const entries: AuditListedEntry[] = []
  let skip = offset
  let need = limit
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
  return { entries, total, offset, headSeq }
}

/** The newest `limit` matches up to headSeq, read backwards; exhausted when every segment was read to its start. */
async function newestMatches(
  segments: SearchSegment[],
  filter: CompiledFilter,
  headSeq: number,
  limit: number,
): Promise<{ entries: AuditListedEntry[]; matched: number; exhausted: boolean }> {
  const entries: AuditListedEntry[] = []
  let matched = 0
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i]
    const stopped = await scanMatchesBackward(segment, segment.end, filter, (buf, start, end) => {
      const seq = readSeq(buf, start, end)
      if (seq !== undefined && seq > headSeq) return true
      matched += 1
      const entry = parseAuditLine(buf.toString('utf8', start, end))
      if (entry) entries.push(marked(entry, segment))
      return entries.length < limit
    })
    if (stopped) return { entries, matched, exhausted: false }
  }
  return { entries, matched, exhausted: true }
}

async function readEntries(segment: SearchSegment, offsets: number[]): Promise<AuditListedEntry[]> {
  const lines = await readSegmentLines(segment, offsets)
  const entries: AuditListedEntry[] = []
  for (const line of lines) {
    const entry = parseAuditLine(line)
    if (entry) entries.push(marked(entry, segment))
  }
  return entries
}

function marked(entry: AuditListedEntry, segment: SearchSegment): AuditListedEntry {
  if (segment.archive !== undefined) entry.archive = segment.archive
  return entry
}
