/**
 * The durable cursor: the last seq the receiver acknowledged, for which destination. Written atomically
 * (temp file + rename), at most one write at a time, the newest value winning; a crash between writes
 * only means entries are sent again (at least once).
 */
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { writeFileAtomic } from '../files/writeFileAtomic'

const CursorSchema = z.object({ v: z.literal(1), destination: z.string(), seq: z.number().int().nonnegative(), at: z.string() }).strict()
export type Cursor = z.infer<typeof CursorSchema>

export async function readCursor(path: string): Promise<Cursor | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return undefined
  }
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

export class CursorWriter {
  private writing: Promise<void> | undefined
  private next: Cursor | undefined

  constructor(private readonly path: string) {}

  /** Queues the value; resolves once it (or a newer one) is on disk. */
  save(cursor: Cursor): Promise<void> {
    this.next = cursor
    this.writing ??= this.drain()
    return this.writing
  }

  /** Waits for the queued writes. */
  async settled(): Promise<void> {
    while (this.writing) await this.writing
  }

  private async drain(): Promise<void> {
    try {
      while (this.next) {
        const cursor = this.next
        this.next = undefined
        await writeFileAtomic(this.path, JSON.stringify(cursor) + '\n')
      }
    } finally {
      // No await between the loop's last check and here: a value saved meanwhile starts a new drain.
      this.writing = undefined
    }
  }
}
