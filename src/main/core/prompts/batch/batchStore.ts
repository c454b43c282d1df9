/**
 * Prompt batches: when and for which profile each was started, and the prompts its jobs resolved (so
 * the jobs of one prompt's languages share one create, across restarts too). Few and small: one JSON
 * file, replaced atomically (temp file, fsync, rename); the items themselves are the job journal's.
 */
import { z } from 'zod'
import { JsonRecordFile } from '../../files/jsonRecordFile'

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

/** The prompt batches of one data folder (`prompts/batches.json`). */
export type PromptBatchStore = JsonRecordFile<PromptBatch>

export function openPromptBatchStore(dir: string): Promise<PromptBatchStore> {
  return JsonRecordFile.open({
    dir,
    file: 'batches.json',
    schema: PromptBatch,
    what: 'prompt batches',
    damagedHint: 'Move it aside and restart Switchboard; the uploads themselves are kept in the job journal.',
  })
}
