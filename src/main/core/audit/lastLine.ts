/** Finds where the chain stands on disk: the last line's seq and hash, across segments. */
import { AppError } from '../../../shared/errors'
import type { SegmentFile } from './auditFiles'
import { hashLine, readSeq } from './auditLine'
import { scanLines, scanLinesBackward } from './lineScanner'

export interface LastLine {
  seq: number
  hash: string
  file: string
  path: string
}

/** The newest line of the newest non-empty segment; undefined when the log has no lines. */
export async function readLastLine(segments: SegmentFile[]): Promise<LastLine | undefined> {
  for (const segment of [...segments].reverse()) {
    let found: LastLine | undefined
    let damaged = false
    await scanLinesBackward(segment.path, { chunkSize: 64 * 1024 }, (buf, start, end) => {
      if (start === end) return true
      const seq = readSeq(buf, start, end)
      if (seq === undefined) damaged = true
      else found = { seq, hash: hashLine(buf.subarray(start, end)), file: segment.name, path: segment.path }
      return false
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
    if (damaged) {
      throw new AppError({
        code: 'file',
        message: `The last line of the audit log segment ${segment.name} is damaged, so the log cannot continue its chain.`,
        hint: `Move ${segment.name} out of the audit folder after keeping a copy for review, then restart Switchboard.`,
      })
    }
    if (found) return found
  }
  return undefined
}

/** The seq of a file's first line; undefined when it is empty or missing. */
export async function readFirstSeq(path: string): Promise<number | undefined> {
  let seq: number | undefined
  await scanLines(path, { chunkSize: 64 * 1024 }, (buf, start, end) => {
    seq = readSeq(buf, start, end)
    return false
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
  })
  return seq
}

/** The hash of the line that ends at byte `end` of a file (undefined at its start). */
export async function hashOfLineEndingAt(path: string, end: number): Promise<string | undefined> {
  let hash: string | undefined
  await scanLinesBackward(path, { end, chunkSize: 64 * 1024 }, (buf, start, lineEnd) => {
    if (start === lineEnd) return true
    hash = hashLine(buf.subarray(start, lineEnd))
    return false
  })
  return hash
}

export async function countLines(path: string): Promise<number> {
  let lines = 0
  await scanLines(path, {}, () => {
    lines += 1
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
  })
  return lines
}
