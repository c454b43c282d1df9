/**
 * Finds the lines of one segment that pass a compiled filter, reading it in large chunks, forwards
 * (index building, counting, export) or backwards (the newest matches first, stopping early). With a
 * jump (a byte needle or a text pattern) the native search skips straight to candidate lines; without
 * one every line is tested. Only newline-terminated lines are considered; the forward scan returns
 * where the next scan should start (just past the last complete line).
 */
import type { CompiledFilter, Jump } from './auditFilter'
import { literalAt } from './search/caseFoldJump'
import { openSegment, type ByteSource } from './search/byteSource'
import type { SearchSegment } from './search/searchSegment'

const CHUNK = 2 * 1024 * 1024
/**
 * Backwards, the first chunk is 1 MiB (a few thousand lines: a page of a filter that one line in
 * twenty or thirty passes, and reading it from the page cache costs a fraction of a millisecond), and
 * each one after twice the one before.
 */
const FIRST_BACKWARD_CHUNK = 1024 * 1024
const MAX_BACKWARD_CHUNK = 8 * 1024 * 1024

export type MatchCallback = (buf: Buffer, start: number, end: number, fileOffset: number) => boolean | void

/** A segment, or just a file path (a live segment read as it is). */
type Scanned = SearchSegment | string

const segmentOf = (s: Scanned): SearchSegment => (typeof s === 'string' ? { name: s, path: s, firstSeq: 0, end: 0 } : s)

/** `afterChunk(offset)` runs after each chunk's matches (to write them out, report progress, or stop by throwing). */
export async function scanMatches(
  scanned: Scanned,
  range: { start: number; end: number },
  filter: CompiledFilter,
  onMatch: MatchCallback,
  afterChunk?: (offset: number) => Promise<void>,
): Promise<number> {
  const source = await openSegment(segmentOf(scanned))
  let size = CHUNK
  let pos = range.start
  try {
    while (pos < range.end) {
      const buf = await source.read(pos, Math.min(size, range.end - pos))
      if (buf.length === 0) break
      const lastNewline = buf.lastIndexOf(10, buf.length - 1)
      if (lastNewline < 0) {
        if (buf.length < size) break // a partial line at the end
        size *= 2 // a line longer than the buffer
        continue
      }
      const region = buf.subarray(0, lastNewline + 1)
      const base = pos
      const next = pos + lastNewline + 1
      source.prefetch(next, Math.min(size, range.end - next))
      const stopped = matchRegion(region, filter, (s, e) => onMatch(region, s, e, base + s))
      pos = next
      if (afterChunk) await afterChunk(pos)
      if (stopped) break
    }
  } finally {
    await source.close()
  }
  return pos
}

/**
 * Calls back for each passing line of [0, end), newest (last) first, until told to stop; `end` must
 * be a line boundary. Resolves true when stopped. Each chunk's candidates are found with the native
 * search, but tested (the costly part: free text parses the line) newest first and only until the
 * caller has enough; from the second chunk on, the chunk before is read meanwhile.
 */
export async function scanMatchesBackward(
  segment: SearchSegment,
  end: number,
  filter: CompiledFilter,
  onMatch: MatchCallback,
  signal?: AbortSignal,
): Promise<boolean> {
  const source: ByteSource = await openSegment(segment)
  let size = FIRST_BACKWARD_CHUNK
  let pos = end
  try {
    while (pos > 0) {
      signal?.throwIfAborted()
      const readStart = Math.max(0, pos - size)
      const buf = await source.read(readStart, pos - readStart)
      // The chunk's first bytes may be the tail of a line that starts in the chunk before.
      const firstLine = readStart === 0 ? 0 : buf.indexOf(10) + 1
      if (firstLine === 0 && readStart > 0) {
        size *= 2
        continue
      }
      const base = readStart + firstLine
      const nextSize = Math.min(size * 2, MAX_BACKWARD_CHUNK)
      // Not after the first chunk: the page is usually in it, and closing waits for a read under way.
      if (pos < end) source.prefetch(Math.max(0, base - nextSize), Math.min(base, nextSize))
      const region = buf.subarray(firstLine)
      const stopped = matchRegionBackward(region, filter, (s, e) => onMatch(region, s, e, base + s))
      if (stopped) return true
      pos = base
      size = nextSize
    }
  } finally {
    await source.close()
  }
  return false
}

/** Starts (ascending; a line may repeat) of a region's lines holding the jump's needle or literal. */
function candidateStarts(region: Buffer, jump: Jump): number[] {
  const starts: number[] = []
  const lineStart = (hit: number) => (hit === 0 ? 0 : region.lastIndexOf(10, hit - 1) + 1)
  if (jump.kind === 'bytes') {
    let hit = region.indexOf(jump.needle)
    while (hit >= 0) {
      starts.push(lineStart(hit))
      hit = region.indexOf(jump.needle, region.indexOf(10, hit) + 1)
    }
    return starts
  }
  for (const needle of jump.needles) {
    let hit = region.indexOf(needle)
    while (hit >= 0) {
      const at = hit - jump.anchorAt
      if (literalAt(region, at, region.length, jump.literal)) {
        starts.push(lineStart(at))
        hit = region.indexOf(needle, region.indexOf(10, at) + 1)
      } else hit = region.indexOf(needle, hit + 1)
    }
  }
  if (jump.needles.length > 1) starts.sort((a, b) => a - b)
  return starts
}

/** matchRegion, newest (last) line first; true when told to stop. */
export function matchRegionBackward(
  region: Buffer,
  filter: CompiledFilter,
  onMatch: (start: number, end: number) => boolean | void,
): boolean {
  if (!filter.jump) {
    let end = region.lastIndexOf(10, region.length - 1)
    while (end >= 0) {
      const start = end === 0 ? 0 : region.lastIndexOf(10, end - 1) + 1
      if (filter.test(region, start, end) && onMatch(start, end) === false) return true
      end = start - 1
    }
    return false
  }
  const starts = candidateStarts(region, filter.jump)
  let previous = -1
  for (let i = starts.length - 1; i >= 0; i--) {
    const start = starts[i]
    if (start === previous) continue
    previous = start
    const end = region.indexOf(10, start)
    if (filter.test(region, start, end) && onMatch(start, end) === false) return true
  }
  return false
}

/** Calls back for each passing line of a region made of whole lines; true when told to stop. */
export function matchRegion(region: Buffer, filter: CompiledFilter, onMatch: (start: number, end: number) => boolean | void): boolean {
  const jump = filter.jump
  if (!jump) {
    let start = 0
    let nl = region.indexOf(10)
    while (nl >= 0) {
      if (filter.test(region, start, nl) && onMatch(start, nl) === false) return true
      start = nl + 1
      nl = region.indexOf(10, start)
    }
    return false
  }
  const lineOf = (hit: number): [number, number] => [hit === 0 ? 0 : region.lastIndexOf(10, hit - 1) + 1, region.indexOf(10, hit)]
  if (jump.kind === 'bytes') {
    let hit = region.indexOf(jump.needle)
    while (hit >= 0) {
      const [start, end] = lineOf(hit)
      if (filter.test(region, start, end) && onMatch(start, end) === false) return true
      hit = region.indexOf(jump.needle, end + 1)
    }
    return false
  }
  // A case-insensitive literal: hits of each anchor variant, checked, merged into line order.
  let previous = -1
  for (const start of candidateStarts(region, jump)) {
    if (start === previous) continue
    previous = start
    const end = region.indexOf(10, start)
    if (filter.test(region, start, end) && onMatch(start, end) === false) return true
  }
  return false
}
