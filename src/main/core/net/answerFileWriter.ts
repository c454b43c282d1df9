/**
 * The end of a file answer's pipeline, in one stream hop: counts what reaches the disk (so the cap is
 * after decompression), hashes it in the same pass and writes it through one FileHandle, a batch of
 * chunks at a time. While it writes, it keeps one datasync running behind the writes, so the disk
 * flushes during the download and the caller's final fsync finds little left to do. The handle is
 * closed before the stream finishes.
 */
import type { Hash } from 'node:crypto'
import { open, type FileHandle } from 'node:fs/promises'
import { Writable } from 'node:stream'
import { responseTooLarge } from '../genesys/transportErrors'

export interface AnswerFileOptions {
  path: string
  /** 'wx' (created new), 'w' (replaced) or 'a' (continued). */
  flags: 'wx' | 'w' | 'a'
  maxBytes: number
  /** Fed with every byte written, in order. */
  hash: Hash
  /** What may wait in memory for the disk before the answer is paused. */
  bufferBytes: number
  /** Written bytes not yet flushed that start a datasync behind the writes. */
  flushBehindBytes: number
}

export class AnswerFileWriter extends Writable {
  /** Bytes written by this writer (not counting what the file held before). */
  bytes = 0
  private handle?: FileHandle
  private unflushed = 0
  private flushing?: Promise<void>
  private flushError?: unknown

  constructor(private readonly options: AnswerFileOptions) {
    super({ highWaterMark: options.bufferBytes })
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.options.path, this.options.flags, 0o600).then((handle) => {
      this.handle = handle
      callback()
    }, callback)
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writeBatch([chunk]).then(() => callback(), callback)
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    this.writeBatch(chunks.map((c) => c.chunk)).then(() => callback(), callback)
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.settleFlush()
      .then(() => this.closeHandle())
      .then(() => callback(), callback)
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.settleFlush()
      .catch(() => undefined)
      .then(() => this.closeHandle())
      .then(
        () => callback(error),
        (closeError: Error) => callback(error ?? closeError),
      )
  }

  private async writeBatch(buffers: Buffer[]): Promise<void> {
    if (this.flushError) throw this.flushError
    let size = 0
    for (const buffer of buffers) size += buffer.length
    if (this.bytes + size > this.options.maxBytes) throw responseTooLarge(this.options.maxBytes)
    for (const buffer of buffers) this.options.hash.update(buffer)
    await writeAll(this.handle!, buffers, size)
    this.bytes += size
    this.unflushed += size
    if (this.unflushed >= this.options.flushBehindBytes && !this.flushing) this.flushBehind()
  }

  private flushBehind(): void {
    this.unflushed = 0
    this.flushing = this.handle!.datasync().then(
      () => (this.flushing = undefined),
      (error: unknown) => {
        this.flushing = undefined
        this.flushError ??= error
      },
    )
  }

  private async settleFlush(): Promise<void> {
    await this.flushing
    if (this.flushError) throw this.flushError
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle
    this.handle = undefined
    await handle?.close()
  }
}

/** writev until every byte is written (a regular file may take a batch in parts). */
async function writeAll(handle: FileHandle, buffers: Buffer[], size: number): Promise<void> {
  let rest = buffers
  let left = size
  while (left > 0) {
    const { bytesWritten } = await handle.writev(rest)
    if (bytesWritten <= 0) throw Object.assign(new Error('the disk took no bytes'), { code: 'EIO' })
    left -= bytesWritten
    rest = after(rest, bytesWritten)
  }
}

function after(buffers: Buffer[], skip: number): Buffer[] {
  const rest: Buffer[] = []
  for (const buffer of buffers) {
    if (skip >= buffer.length) skip -= buffer.length
    else {
      rest.push(skip > 0 ? buffer.subarray(skip) : buffer)
      skip = 0
    }
  }
  return rest
}
