/**
 * Writes a file under a temporary name in large batches and renames it into place only when it is
 * complete and fsynced, so an export that fails or is interrupted never leaves a half file under the
 * name the user chose. The temp file is created new ('wx': a symlink planted under its name is not
 * followed), and the rename replaces whatever is at the name (a symlink swapped in there is replaced,
 * not followed); a folder swapped for a link after the target was checked is refused at the end.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto'
import { open, realpath, rename, rm, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { AppError } from '../../../shared/errors'
import { syncDirectory } from '../files/durableAppender'
import { PRIVATE_FILE_MODE } from '../files/privateFiles'

const BATCH_BYTES = 1024 * 1024

export class AtomicFileWriter {
  private parts: Buffer[] = []
  private partsBytes = 0
  private readonly hash: Hash = createHash('sha256')
  /** The writes under way, in order; settles when the last one has. */
  private tail: Promise<void> = Promise.resolve()
  bytes = 0

  private constructor(
    readonly path: string,
    private readonly tempPath: string,
    private readonly fh: FileHandle,
    private readonly realFolder: string,
  ) {}

  static async create(path: string): Promise<AtomicFileWriter> {
    const tempPath = `${path}.${randomBytes(4).toString('hex')}.part`
    const realFolder = await realpath(dirname(path))
    return new AtomicFileWriter(path, tempPath, await open(tempPath, 'wx', PRIVATE_FILE_MODE), realFolder)
  }

  /** Queues data; resolves at once unless a batch is due to be written. */
  async write(data: string | Buffer): Promise<void> {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    this.parts.push(buf)
    this.partsBytes += buf.length
    if (this.partsBytes >= BATCH_BYTES) await this.writeParts()
  }

  /**
   * Writes `data` now, after anything queued, without copying it: the caller may reuse its buffer once
   * this resolves.
   */
  writeNow(data: Buffer): Promise<void> {
    return this.writeBehind(data)
  }

  /**
   * Writes `data` after anything queued, without copying it or waiting: the caller goes on with other
   * work while the disk writes, and may reuse the buffer once the returned promise resolves. A failed
   * write also fails every later one and finish().
   */
  writeBehind(data: Buffer): Promise<void> {
    if (this.partsBytes > 0) this.queue(this.takeParts())
    return this.queue(data)
  }

  /** Writes the rest, fsyncs, renames into place; returns the file's SHA-256 (hex). */
  async finish(): Promise<string> {
    await this.writeParts()
    await this.tail
    await this.fh.sync()
    await this.fh.close()
    if ((await realpath(dirname(this.path))) !== this.realFolder) {
      await rm(this.tempPath, { force: true })
      throw new AppError({
        code: 'file',
        message: `The folder of ${this.path} was replaced while the file was being written.`,
        hint: 'Nothing was written there. Check the folder (a link may have been put in its place) and export again.',
      })
    }
    await rename(this.tempPath, this.path)
    await syncDirectory(dirname(this.path))
    return this.hash.digest('hex')
  }

  async abort(): Promise<void> {
    // Not closed under a write still under way: its descriptor could be reused by the next open.
    await this.tail.catch(() => undefined)
    await this.fh.close().catch(() => undefined)
    await rm(this.tempPath, { force: true })
  }

  private async writeParts(): Promise<void> {
    if (this.partsBytes > 0) await this.queue(this.takeParts())
  }

  private takeParts(): Buffer {
    const data = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.partsBytes)
    this.parts = []
    this.partsBytes = 0
    return data
  }

  /** Hashes now (in file order), writes after the writes before. */
  private queue(data: Buffer): Promise<void> {
    if (data.length === 0) return this.tail
    this.hash.update(data)
    this.bytes += data.length
    const written = this.tail.then(async () => {
      let offset = 0
      while (offset < data.length) offset += (await this.fh.write(data, offset)).bytesWritten
    })
    // Callers of writeBehind may not be waiting when it fails: the next write or finish() reports it.
    written.catch(() => undefined)
    this.tail = written
    return written
  }
}
