/**
 * The lines of a gzip file (an archived audit segment), pulled a batch at a time: the stream stays open
 * between batches, so forwarding a 64 MiB segment in 2,000-entry batches unpacks it once, never whole
 * into memory. Opening fails with ENOENT when the file is gone; a damaged file fails the read.
 */
import { open } from 'node:fs/promises'
import { pipeline, type Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'

const CHUNK = 64 * 1024

export class GzipLines {
  private chunk: Buffer = Buffer.alloc(0)
  private from = 0

  private constructor(
    private readonly stream: Readable,
    private readonly iterator: AsyncIterator<Buffer>,
  ) {}

  static async open(path: string): Promise<GzipLines> {
    const handle = await open(path, 'r')
    const gunzip = createGunzip({ chunkSize: CHUNK })
    // Errors (a damaged file, a read error) reach the iterator through the destroyed gunzip stream.
    const stream = pipeline(handle.createReadStream({ highWaterMark: CHUNK }), gunzip, () => {})
    return new GzipLines(stream, stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>)
  }

  /**
   * Calls onLine with each following line ([start, end) of buf, newline excluded; buf is reused after
   * the call) until it returns false (that line counts as read) or the file ends. True at the end.
   */
  async each(onLine: (buf: Buffer, start: number, end: number) => boolean): Promise<boolean> {
    for (;;) {
      let nl = this.chunk.indexOf(10, this.from)
      while (nl >= 0) {
        const start = this.from
        this.from = nl + 1
        if (!onLine(this.chunk, start, nl)) return false
        nl = this.chunk.indexOf(10, this.from)
      }
      const next = await this.iterator.next()
      // Bytes after the last newline are no whole line (archived segments end with one).
      if (next.done) return true
      const rest = this.chunk.subarray(this.from)
      this.chunk = rest.length > 0 ? Buffer.concat([rest, next.value]) : next.value
      this.from = 0
    }
  }

  close(): void {
    this.stream.destroy()
  }
}
