/**
 * Reads, synchronously (a worker does nothing else meanwhile; the main thread one unit per turn), the lines that start in
 * [start, end) of a file: a line that begins before `start` belongs to the range before, and the last
 * line is read past `end` up to its newline (never past `fileEnd`). Ranges cut anywhere thus cover
 * every line exactly once. One buffer, reused; no string or allocation per line.
 */
import { closeSync, openSync, readSync } from 'node:fs'

/** Small enough to stay in a core's L2 cache from the read through the scan to the hash (a few % less CPU than 4 MiB). */
const CHUNK = 256 * 1024

/**
 * The buffer ranges are read into, kept between calls: a fresh buffer per range costs page faults, in
 * the kernel's time. A worker keeps the shared one; the main thread brings its own and lets it go.
 */
export class ReadBuffer {
  buf = Buffer.allocUnsafe(CHUNK)
}
const shared = new ReadBuffer()

export type RangeLine = (buf: Buffer, start: number, end: number) => boolean

/** Returns the file offset of bytes after the last newline when the range ends the file with them. */
export function readRangeLines(
  path: string,
  range: { start: number; end: number; fileEnd: number },
  onLine: RangeLine,
  scratch: ReadBuffer = shared,
): number | undefined {
  const fd = openSync(path, 'r')
  try {
    let buf = scratch.buf
    let base = range.start > 0 ? range.start - 1 : 0 // file offset of buf[0]
    let filled = 0
    let lineStart = range.start > 0 ? -1 : 0 // -1: still looking for the first line that starts in the range
    for (;;) {
      const want = Math.min(buf.length - filled, range.fileEnd - base - filled)
      const read = want > 0 ? readSync(fd, buf, filled, want, base + filled) : 0
      filled += read
      const view = buf.subarray(0, filled)
      if (lineStart < 0) {
        const nl = view.indexOf(10)
        if (nl < 0) {
          if (read === 0) return undefined // no line starts in this range
          base += filled
          filled = 0
          continue
        }
        lineStart = nl + 1
      }
      let nl = view.indexOf(10, lineStart)
      while (nl >= 0) {
        if (base + lineStart >= range.end) return undefined
        if (!onLine(view, lineStart, nl)) return undefined
        lineStart = nl + 1
        nl = view.indexOf(10, lineStart)
      }
      if (base + lineStart >= range.end) return undefined
      if (read === 0) return lineStart < filled ? base + lineStart : undefined
      buf.copyWithin(0, lineStart, filled)
      filled -= lineStart
      base += lineStart
      lineStart = 0
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2)
        buf.copy(bigger, 0, 0, filled)
        buf = bigger
        scratch.buf = bigger
      }
    }
  } finally {
    closeSync(fd)
  }
}
