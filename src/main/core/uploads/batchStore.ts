/**
 * Upload batches: the metadata the admin set before starting, and the files refused at the start.
 * Few and small, so the whole set is one JSON file, replaced atomically (temp file, fsync, rename).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { BatchMetadata } from '../../../shared/contract/uploads'
import { AppError } from '../../../shared/errors'
import { writeFileAtomic } from '../files/writeFileAtomic'

export const RefusedFile = z.object({
  path: z.string(),
  name: z.string(),
  size: z.number(),
  message: z.string(),
  hint: z.string(),
  contentLabel: z.string().optional(),
})
export type RefusedFile = z.infer<typeof RefusedFile>

export const UploadBatch = z.object({
  id: z.string(),
  createdAt: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  orgName: z.string(),
  metadata: BatchMetadata,
  force: z.boolean(),
  refused: z.array(RefusedFile),
  /** Time it has spent working, paused and interrupted time left out (see BatchActivity); absent in older batches. */
  workedMs: z.number().nonnegative().optional(),
  /** When the batch summary was last written to the audit log. */
  summarizedAt: z.string().optional(),
})
export type UploadBatch = z.infer<typeof UploadBatch>

const FILE = 'batches.json'

export class BatchStore {
  private writing: Promise<void> = Promise.resolve()

  private constructor(
    private readonly path: string,
    private readonly batches: Map<string, UploadBatch>,
  ) {}

  static async open(dir: string): Promise<BatchStore> {
    const path = join(dir, FILE)
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '[]'
      throw error
    })
    const parsed = z.array(UploadBatch).safeParse(safeJson(text))
    if (!parsed.success) {
      throw new AppError({
        code: 'file',
        message: `The upload batches file ${path} is damaged.`,
        hint: 'Move it aside and restart Switchboard; the uploads themselves are kept in the job journal.',
      })
    }
    return new BatchStore(path, new Map(parsed.data.map((b) => [b.id, b])))
  }

  list(): UploadBatch[] {
    return [...this.batches.values()]
  }

  get(id: string): UploadBatch | undefined {
    return this.batches.get(id)
  }

  async put(batch: UploadBatch): Promise<void> {
    this.batches.set(batch.id, batch)
    await this.save()
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) this.batches.delete(id)
    await this.save()
  }

  /** Writes are queued so a slow disk cannot reorder them. */
  private save(): Promise<void> {
    const snapshot = JSON.stringify(this.list(), null, 1)
    this.writing = this.writing.catch(() => undefined).then(() => writeFileAtomic(this.path, snapshot))
    return this.writing
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
