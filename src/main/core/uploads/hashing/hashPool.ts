import { open, type FileHandle } from 'node:fs/promises'
import PQueue from 'p-queue'
import { AppError } from '../../../../shared/errors'
import { describeFileError } from '../fileProblems'
import { FileMemo } from '../fileMemo'
import { WorkerPair } from './workerPair'

const SLOTS = 8
const SLOT_BYTES = 1024 * 1024
/** Digests remembered per path: the review before Start and the upload after it hash the same files. */
const REMEMBERED = 2000

export interface FileDigest {
  size: number
  mtimeMs: number
  md5Hex: string
  /** What Content-MD5 wants: base64 of the 16 digest bytes. */
  md5Base64: string
  sha256: string
}

export interface HashOptions {
  signal?: AbortSignal
  /** Bytes hashed so far (by both algorithms). */
  onProgress?: (bytes: number) => void
}

/**
 * MD5 and SHA-256 of a file in one read, off the main thread, in flat memory (SLOTS x SLOT_BYTES,
 * whatever the file size). Files are hashed one at a time: the disk and the two workers are the
 * limit, so running several at once would only interleave them.
 */
export class HashPool {
  private pair: WorkerPair | undefined
  private readonly queue = new PQueue({ concurrency: 1 })
  private runs = 0
  private closed = false
  private readonly remembered = new FileMemo<FileDigest>(REMEMBERED)
  private bytesRead = 0

  /** Bytes read from disk for hashing since the pool was made. */
  get readBytes(): number {
    return this.bytesRead
  }

  hashFile(path: string, options: HashOptions = {}): Promise<FileDigest> {
    if (this.closed)
      return Promise.reject(
        new AppError({
          code: 'internal',
          message: 'Hashing has stopped (Switchboard is closing).',
          hint: 'Resume the upload after Switchboard restarts.',
        }),
      )
    return this.queue.add(() => this.run(path, options), { signal: options.signal })
  }

  async close(): Promise<void> {
    this.closed = true
    this.queue.clear()
    await this.queue.onIdle()
    await this.pair?.terminate()
    this.pair = undefined
  }

  private workers(): WorkerPair {
    if (!this.pair || this.pair.broken) this.pair = new WorkerPair(SLOTS, SLOT_BYTES)
    return this.pair
  }

  private async run(path: string, options: HashOptions): Promise<FileDigest> {
    options.signal?.throwIfAborted()
    let handle: FileHandle
    try {
      handle = await open(path, 'r')
    } catch (error) {
      throw unreadable(path, error)
    }
    const pair = this.workers()
    const run = ++this.runs
    pair.hold(true)
    try {
      const before = await handle.stat()
      const known = this.remembered.get(path, before)
      if (known) {
        options.onProgress?.(before.size)
        return known
      }
      pair.start(run)
      const hashed = await this.feed(handle, pair, run, options)
      const digests = await pair.finish(run)
      const after = await handle.stat()
      if (hashed !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
        throw new AppError({
          code: 'file',
          message: `${path} changed while it was being hashed.`,
          hint: 'Wait until the recorder has finished writing it, then retry.',
        })
      }
      const digest = {
        size: before.size,
        mtimeMs: before.mtimeMs,
        md5Hex: digests.md5,
        md5Base64: Buffer.from(digests.md5, 'hex').toString('base64'),
        sha256: digests.sha256,
      }
      this.remembered.set(path, before, digest)
      return digest
    } finally {
      pair.hold(false)
      await handle.close().catch(() => undefined)
    }
  }

  /** Reads the file slot by slot; a slot is reused only once both workers are done with it. */
  private async feed(handle: FileHandle, pair: WorkerPair, run: number, options: HashOptions): Promise<number> {
    const inUse: (Promise<void> | undefined)[] = new Array(pair.slots)
    let position = 0
    let hashed = 0
    try {
      for (let i = 0; ; i++) {
        options.signal?.throwIfAborted()
        const slot = i % pair.slots
        await inUse[slot]
        let bytesRead: number
        try {
          ;({ bytesRead } = await handle.read(pair.slot(slot), 0, pair.slotBytes, position))
        } catch (error) {
          throw unreadable('The file', error)
        }
        if (bytesRead === 0) break
        position += bytesRead
        this.bytesRead += bytesRead
        inUse[slot] = pair.chunk(run, slot, bytesRead).then(() => {
          hashed += bytesRead
          options.onProgress?.(hashed)
        })
      }
      await Promise.all(inUse)
      return hashed
    } catch (error) {
      // Let the workers finish with the slots before the next file is read into them.
      await Promise.allSettled(inUse)
      throw error
    }
  }
}

function unreadable(what: string, error: unknown): AppError {
  if (error instanceof AppError) return error
  return new AppError({
    code: 'file',
    message: `${what} could not be read for hashing: ${describeFileError(error)}.`,
    hint: 'Check that the file is still there and readable, then retry.',
  })
}
