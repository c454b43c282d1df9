/**
 * Reads a segment's bytes by position, whether it is a live file (positioned reads into one reused
 * buffer) or an archived one (slices of its decompressed text).
 */
import { open, type FileHandle } from 'node:fs/promises'
import { readLinesAt } from '../lineScanner'
import { archivedBytes } from './archivedBytes'
import type { SearchSegment } from './searchSegment'

export interface ByteSource {
  /** Up to `length` bytes from `position`; the result may be reused by the call after next. */
  read(position: number, length: number): Promise<Buffer>
  /** Starts reading what the next read() will ask for, so the disk works while the caller does. */
  prefetch(position: number, length: number): void
  close(): Promise<void>
}

interface Pending {
  position: number
  length: number
  bytes: Promise<Buffer>
}

/** Two buffers taking turns: one being read into while the caller works on the other. */
class FileSource implements ByteSource {
  private buffers = [Buffer.allocUnsafe(0), Buffer.allocUnsafe(0)]
  private turn = 0
  private pending: Pending | undefined
  constructor(private readonly fh: FileHandle) {}

  read(position: number, length: number): Promise<Buffer> {
    const pending = this.pending
    this.pending = undefined
    if (pending && pending.position === position && pending.length === length) return pending.bytes
    return (pending?.bytes.catch(() => undefined) ?? Promise.resolve()).then(() => this.readInto(position, length))
  }

  prefetch(position: number, length: number): void {
    if (this.pending || length <= 0) return
    const bytes = this.readInto(position, length)
    bytes.catch(() => undefined) // read() reports it
    this.pending = { position, length, bytes }
  }

  private async readInto(position: number, length: number): Promise<Buffer> {
    this.turn = 1 - this.turn
    if (this.buffers[this.turn].length < length) this.buffers[this.turn] = Buffer.allocUnsafe(length)
    const buf = this.buffers[this.turn]
    const { bytesRead } = await this.fh.read(buf, 0, length, position)
    return buf.subarray(0, bytesRead)
  }

  async close(): Promise<void> {
    await this.pending?.bytes.catch(() => undefined)
    await this.fh.close()
  }
}

class MemorySource implements ByteSource {
  constructor(private readonly bytes: Buffer) {}
  read(position: number, length: number): Promise<Buffer> {
    return Promise.resolve(this.bytes.subarray(position, Math.min(this.bytes.length, position + length)))
  }
  prefetch(): void {}
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
