/**
 * The prompts of a batch by name: the first job of a prompt creates it (or finds it), the jobs of its
 * other languages wait for that and reuse the answer. Kept in the batch store, so after a restart too;
 * a create about to be sent is noted there first, so a resumed batch looks the name up instead of
 * creating it twice.
 */
import { KeyedLock } from '../../kit'
import type { PromptBatchStore, ResolvedPrompt } from './batchStore'

export interface PromptResolution extends ResolvedPrompt {
  /** This call resolved it (the others reused its answer): it audits the prompt. */
  first: boolean
}

export interface ResolveContext {
  /** A create of this name may have been sent before (by this batch, before a stop): look it up first. */
  mayExist: boolean
  /** Call before sending a create. */
  noteIntent(): Promise<void>
}

export class PromptDirectory {
  private readonly lock = new KeyedLock()

  constructor(private readonly batches: PromptBatchStore) {}

  async resolve(batchId: string, name: string, resolve: (context: ResolveContext) => Promise<ResolvedPrompt>): Promise<PromptResolution> {
    const key = name.toLowerCase()
    return this.lock.run(`${batchId}\n${key}`, async () => {
      const known = this.batches.get(batchId)?.prompts[key]
      if (known) return { ...known, first: false }
      const resolved = await resolve({
        mayExist: this.batches.get(batchId)?.createIntents.includes(key) ?? false,
        noteIntent: () =>
          this.batches.update(batchId, (batch) =>
            batch.createIntents.includes(key) ? batch : { ...batch, createIntents: [...batch.createIntents, key] },
          ),
      })
      await this.batches.update(batchId, (batch) => ({ ...batch, prompts: { ...batch.prompts, [key]: resolved } }))
      return { ...resolved, first: true }
    })
  }
}
