/**
 * Prompt batches: when and for which profile each was started, and the prompts its jobs resolved (so
 * the jobs of one prompt's languages share one create, across restarts too). Few and small: one JSON
 * file, replaced atomically (temp file, fsync, rename); the items themselves are the job journal's.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../../../shared/errors'
import { ensurePrivateDir } from '../../files/privateFiles'
import { writeFileAtomic } from '../../files/writeFileAtomic'

export const ResolvedPrompt = z.object({ promptId: z.string().min(1), created: z.boolean() })
export type ResolvedPrompt = z.infer<typeof ResolvedPrompt>

export const PromptBatch = z.object({
  id: z.string().min(1),
  createdAt: z.string(),
  profileId: z.string().min(1),
  planId: z.string(),
  defaultLanguage: z.string(),
  /** By prompt name in lower case: the prompt the batch created or found. */
  prompts: z.record(z.string(), ResolvedPrompt).default({}),
  /** Prompt names (lower case) whose create was about to be sent: looked up before any create. */
  createIntents: z.array(z.string()).default([]),
})
export type PromptBatch = z.infer<typeof PromptBatch>

const FILE = 'batches.json'

export class PromptBatchStore {
  private writing: Promise<void> = Promise.resolve()

  private constructor(
    private readonly path: string,
    private readonly batches: Map<string, PromptBatch>,
  ) {}

  static async open(dir: string): Promise<PromptBatchStore> {
    await ensurePrivateDir(dir)
    const path = join(dir, FILE)
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '[]'
      throw error
    })
    const parsed = z.array(PromptBatch).safeParse(safeJson(text))
    if (!parsed.success) {
      throw new AppError({
        code: 'file',
        message: `The prompt batches file ${path} is damaged.`,
        hint: 'Move it aside and restart Switchboard; the uploads themselves are kept in the job journal.',
      })
    }
    return new PromptBatchStore(path, new Map(parsed.data.map((b) => [b.id, b])))
  }

  list(): PromptBatch[] {
    return [...this.batches.values()]
  }

  get(id: string): PromptBatch | undefined {
    return this.batches.get(id)
  }

  async put(batch: PromptBatch): Promise<void> {
    this.batches.set(batch.id, batch)
    await this.save()
  }

  async update(id: string, change: (batch: PromptBatch) => PromptBatch): Promise<void> {
    const batch = this.batches.get(id)
    if (batch) await this.put(change(batch))
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
