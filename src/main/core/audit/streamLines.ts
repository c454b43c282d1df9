/** Splits a byte stream (e.g. a gunzip of an archived segment) into lines, like scanLines does for files. */
import type { Readable } from 'node:stream'
import type { LineCallback } from './lineScanner'

export async function scanStreamLines(stream: Readable, onLine: LineCallback): Promise<{ unterminated?: Buffer; stopped: boolean }> {
  let carry: Buffer | null = null
  let offset = 0
  for await (const piece of stream) {
    const chunk: Buffer = carry ? Buffer.concat([carry, piece as Buffer]) : (piece as Buffer)
    const chunkOffset = offset - (carry?.length ?? 0)
    offset += (piece as Buffer).length
    let start = 0
    let nl = chunk.indexOf(10)
    while (nl >= 0) {
      if (onLine(chunk, start, nl, chunkOffset + start) === false) {
        stream.destroy()
        return { stopped: true }
      }
      start = nl + 1
      nl = chunk.indexOf(10, start)
    }
    carry = start < chunk.length ? Buffer.from(chunk.subarray(start)) : null
  }
  return carry ? { unterminated: carry, stopped: false } : { stopped: false }
}
