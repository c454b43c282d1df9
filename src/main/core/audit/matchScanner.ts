/**
 * Finds the lines of one file that pass a compiled filter, reading it in large chunks. With a jump
 * (a byte needle or a text pattern) the native search skips straight to candidate lines; without one
 * every line is tested. Only newline-terminated lines are considered; the returned offset is where
 * the next scan should start (just past the last complete line).
 */
import { open } from 'node:fs/promises'
import type { CompiledFilter } from './auditFilter'

const CHUNK = 1024 * 1024

export type MatchCallback = (buf: Buffer, start: number, end: number, fileOffset: number) => boolean | void

/** `afterChunk(offset)` runs after each chunk's matches (to write them out, report progress, or stop by throwing). */
export async function scanMatches(
  path: string,
  range: { start: number; end: number },
  filter: CompiledFilter,
  onMatch: MatchCallback,
  afterChunk?: (offset: number) => Promise<void>,
): Promise<number> {
  const fh = await open(path, 'r')
  let buf = Buffer.allocUnsafe(CHUNK)
  let pos = range.start
  try {
    while (pos < range.end) {
      const want = Math.min(buf.length, range.end - pos)
      const { bytesRead } = await fh.read(buf, 0, want, pos)
      if (bytesRead === 0) break
      const lastNewline = buf.lastIndexOf(10, bytesRead - 1)
      if (lastNewline < 0) {
        if (bytesRead < buf.length) break // a partial line at the end
        buf = Buffer.allocUnsafe(buf.length * 2) // a line longer than the buffer
        continue
      }
      const region = buf.subarray(0, lastNewline + 1)
      const base = pos
      const stopped = matchRegion(region, filter, (s, e) => onMatch(region, s, e, base + s))
      pos += lastNewline + 1
      if (afterChunk) await afterChunk(pos)
      if (stopped) break
    }
  } finally {
    await fh.close()
  }
  return pos
}

/** Calls back for each passing line of a region made of whole lines; true when told to stop. */
function matchRegion(region: Buffer, filter: CompiledFilter, onMatch: (start: number, end: number) => boolean | void): boolean {
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
  const text = region.toString('latin1')
  const pattern = jump.pattern
  pattern.lastIndex = 0
  let m = pattern.exec(text)
  while (m) {
    const [start, end] = lineOf(m.index)
    if (filter.test(region, start, end) && onMatch(start, end) === false) return true
    pattern.lastIndex = end + 1
    m = pattern.exec(text)
  }
  return false
}
