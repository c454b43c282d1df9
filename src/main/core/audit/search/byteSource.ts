/**
 * Reads a segment's bytes by position, whether it is a live file (positioned reads into one reused
 * buffer) or an archived one (slices of its decompressed text).
 */
import { open, type FileHandle } from 'node:fs/promises'
import { readLinesAt } from '../lineScanner'
import { archivedBytes } from './archivedBytes'
import type { SearchSegment } from './searchSegment'

export interface ByteSource {
  /** Up to `length` bytes from `position`; the result may be reused by the next call. */
  read(position: number, length: number): Promise<Buffer>
  close(): Promise<void>
}

class FileSource implements ByteSource {
  private buf = Buffer.allocUnsafe(0)
  constructor(private readonly fh: FileHandle) {}
  async read(position: number, length: number): Promise<Buffer> {
    if (this.buf.length < length) this.buf = Buffer.allocUnsafe(length)
    const { bytesRead } = await this.fh.read(this.buf, 0, length, position)
    return this.buf.subarray(0, bytesRead)
  }
  close(): Promise<void> {
    return this.fh.close()
  }
}

class MemorySource implements ByteSource {
  constructor(private readonly bytes: Buffer) {}
  read(position: number, length: number): Promise<Buffer> {
    return Promise.resolve(this.bytes.subarray(position, Math.min(this.bytes.length, position + length)))
  }
  close(): Promise<void> {
    return Promise.resolve()
  }
}

export async function openSegment(segment: SearchSegment): Promise<ByteSource> {
  if (segment.archive !== undefined) return new MemorySource(await archivedBytes(segment.path))
  return new FileSource(await open(segment.path, 'r'))
}

/** Lines starting at the given offsets (ascending), as text. */
export async function readSegmentLines(segment: SearchSegment, offsets: number[]): Promise<string[]> {
  if (offsets.length === 0) return []
  if (segment.archive === undefined) return readLinesAt(segment.path, offsets)
  const bytes = await archivedBytes(segment.path)
  return offsets.map((o) => {
    const nl = bytes.indexOf(10, o)
    return bytes.toString('utf8', o, nl < 0 ? bytes.length : nl)
  })
}
