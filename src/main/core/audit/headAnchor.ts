/**
 * The head anchor: seq and hash of the last line known to be on disk, kept in a small file beside the
 * log and rewritten after each fsync. The chain alone cannot show that its last lines were cut off or
 * that its very last line was edited; the anchor can. It is one fixed-size record rewritten in place
 * (one sector, so the write is all-or-nothing on the disks we run on).
 */
import { open, readFile, type FileHandle } from 'node:fs/promises'
import { z } from 'zod'

const RECORD_BYTES = 256
const Anchor = z.object({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) })
export type HeadAnchor = z.infer<typeof Anchor>

export type AnchorRead = { state: 'missing' } | { state: 'unreadable' } | { state: 'ok'; anchor: HeadAnchor }

export async function readHeadAnchor(path: string): Promise<AnchorRead> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return { state: 'missing' }
  }
  if (text.replace(/\0/g, '').trim() === '') return { state: 'missing' }
  try {
    const parsed = Anchor.safeParse(JSON.parse(text.trim()))
    return parsed.success ? { state: 'ok', anchor: parsed.data } : { state: 'unreadable' }
  } catch {
    return { state: 'unreadable' }
  }
}

export class HeadAnchorWriter {
  private writtenSeq = -1

  private constructor(private fh: FileHandle) {}

  static async open(path: string): Promise<HeadAnchorWriter> {
    await (await open(path, 'a')).close()
    return new HeadAnchorWriter(await open(path, 'r+'))
  }

  /** Writes and fsyncs the anchor; older anchors than the one on disk are ignored. */
  async write(anchor: HeadAnchor): Promise<void> {
    if (anchor.seq <= this.writtenSeq) return
    const record = Buffer.alloc(RECORD_BYTES, 0x20)
    record.write(JSON.stringify(anchor), 0, 'utf8')
    record[RECORD_BYTES - 1] = 10
    await this.fh.write(record, 0, RECORD_BYTES, 0)
    await this.fh.sync()
    this.writtenSeq = anchor.seq
  }

  async close(): Promise<void> {
    await this.fh.close()
  }
}
