/**
 * Streams the lines of a large file in fixed-size chunks, forwards or backwards, without reading the
 * whole file into memory and without a string or promise per line. The callback gets the chunk buffer
 * and the line's [start, end) within it (newline excluded); the buffer is reused after the callback
 * returns, so copy what you keep. Return false from the callback to stop early.
 */
import { open } from 'node:fs/promises'

export type LineCallback = (buf: Buffer, start: number, end: number, fileOffset: number) => boolean | void

export const DEFAULT_CHUNK = 1024 * 1024

export interface ForwardScanResult {
  /** Bytes after the last newline (a line with no newline: torn or cut short), if any. */
  unterminated?: { offset: number; bytes: Buffer }
  /** True when the callback stopped the scan. */
  stopped: boolean
}

/** Calls back for each newline-terminated line in [start, end). */
export async function scanLines(
  path: string,
  range: { start?: number; end?: number; chunkSize?: number },
  onLine: LineCallback,
): Promise<ForwardScanResult> {
  const fh = await open(path, 'r')
  try {
    const end = range.end ?? (await fh.stat()).size
    const chunkSize = range.chunkSize ?? DEFAULT_CHUNK
    const buf = Buffer.allocUnsafe(chunkSize)
    let pos = range.start ?? 0
    let carry: Buffer | null = null
    while (pos < end) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(chunkSize, end - pos), pos)
      if (bytesRead === 0) break
      const chunk = buf.subarray(0, bytesRead)
      let from = 0
      let nl = chunk.indexOf(10)
      if (carry) {
        if (nl < 0) {
          carry = Buffer.concat([carry, chunk])
          pos += bytesRead
          continue
        }
        const line = Buffer.concat([carry, chunk.subarray(0, nl)])
        const lineOffset = pos - carry.length
        carry = null
        if (onLine(line, 0, line.length, lineOffset) === false) return { stopped: true }
        from = nl + 1
        nl = chunk.indexOf(10, from)
      }
      while (nl >= 0) {
        if (onLine(chunk, from, nl, pos + from) === false) return { stopped: true }
        from = nl + 1
        nl = chunk.indexOf(10, from)
      }
      if (from < bytesRead) carry = Buffer.from(chunk.subarray(from))
      pos += bytesRead
    }
    if (carry && carry.length > 0) return { stopped: false, unterminated: { offset: pos - carry.length, bytes: carry } }
    return { stopped: false }
  } finally {
    await fh.close()
  }
}

/**
 * Calls back for each line in [start, end), last line first. A final newline at `end` does not make
 * an empty last line; a missing one makes the bytes after the last newline the first line reported.
 */
export async function scanLinesBackward(
  path: string,
  range: { start?: number; end?: number; chunkSize?: number },
  onLine: LineCallback,
): Promise<{ stopped: boolean }> {
  const fh = await open(path, 'r')
  try {
    const start = range.start ?? 0
    const end = range.end ?? (await fh.stat()).size
    const chunkSize = range.chunkSize ?? DEFAULT_CHUNK
    const buf = Buffer.allocUnsafe(chunkSize)
    let pos = end
    let carry: Buffer | null = null
    let first = true
    while (pos > start) {
      const readStart = Math.max(start, pos - chunkSize)
      const { bytesRead } = await fh.read(buf, 0, pos - readStart, readStart)
      if (bytesRead !== pos - readStart) throw new Error(`Short read in ${path} at ${readStart}`)
      let chunk = buf.subarray(0, bytesRead)
      if (carry) chunk = Buffer.concat([chunk, carry])
      let lineEnd = chunk.length
      if (first && lineEnd > 0 && chunk[lineEnd - 1] === 10) lineEnd -= 1
      first = false
      let nl = lineEnd > 0 ? chunk.lastIndexOf(10, lineEnd - 1) : -1
      while (nl >= 0) {
        if (onLine(chunk, nl + 1, lineEnd, readStart + nl + 1) === false) return { stopped: true }
        lineEnd = nl
        nl = lineEnd > 0 ? chunk.lastIndexOf(10, lineEnd - 1) : -1
      }
      carry = Buffer.from(chunk.subarray(0, lineEnd))
      pos = readStart
    }
    if (carry && carry.length > 0 && onLine(carry, 0, carry.length, start) === false) return { stopped: true }
    return { stopped: false }
  } finally {
    await fh.close()
  }
}

/** Lines closer than this are read in one go. */
const RUN_GAP = 64 * 1024
const LINE_GUESS = 16 * 1024

/** Reads the lines that start at the given offsets (ascending), with few reads; texts in that order. */
export async function readLinesAt(path: string, offsets: number[]): Promise<string[]> {
  const out: string[] = []
  if (offsets.length === 0) return out
  const fh = await open(path, 'r')
  try {
    let i = 0
    while (i < offsets.length) {
      let j = i
      while (j + 1 < offsets.length && offsets[j + 1] - offsets[j] < RUN_GAP) j++
      const from = offsets[i]
      let length = offsets[j] - from + LINE_GUESS
      for (;;) {
        const buf = Buffer.allocUnsafe(length)
        const { bytesRead } = await fh.read(buf, 0, length, from)
        const lastEnd = buf.indexOf(10, offsets[j] - from)
        if (lastEnd < 0 || lastEnd >= bytesRead) {
          if (bytesRead < length) throw new Error(`No complete line at offset ${offsets[j]} of ${path}`)
          length *= 2
          continue
        }
        for (let k = i; k <= j; k++) {
          const s = offsets[k] - from
          out.push(buf.toString('utf8', s, buf.indexOf(10, s)))
        }
        break
      }
      i = j + 1
    }
  } finally {
    await fh.close()
  }
  return out
}
