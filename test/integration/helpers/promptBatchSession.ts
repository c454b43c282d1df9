/** Prompt batches against a real sandbox: WAV folders written to disk, a plan, a batch, and waits on its rows. */
import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi } from 'vitest'
import type { Core } from '../../../src/main/core'
import type { PromptBatchView, PromptPlan, PromptUploadView } from '../../../src/shared/contract/prompts'
import { writeWav } from '../../fixtures/audio'
import { call } from './privacySession'

export { call }

export const FINISHED_STATES = new Set(['transcoded', 'transcodeFailed', 'skipped', 'failed', 'cancelled'])

/** A fresh folder under the system temp folder (removed by the caller). */
export function tempFolder(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `switchboard-${prefix}-`))
}

/** `prompts` x `languages` WAV files named by the convention (<name>.<language>.wav), each with its own content. */
export async function writePromptFiles(folder: string, names: string[], languages: string[], bytes = 2_000): Promise<string[]> {
  const paths: string[] = []
  let variant = 1
  for (const name of names)
    for (const language of languages) paths.push(await writeWav(join(folder, `${name}.${language}.wav`), { bytes, variant: variant++ }))
  return paths
}

/** A file as the web shell stages it: <data>/staging/<slot>/<name>. */
export async function stageWav(dataDir: string, name: string, variant: number, bytes = 2_000): Promise<string> {
  const slot = join(dataDir, 'staging', randomUUID())
  await mkdir(slot, { recursive: true, mode: 0o700 })
  return writeWav(join(slot, name), { bytes, variant })
}

export async function planOf(core: Core, paths: string[], defaultLanguage = 'en-us'): Promise<PromptPlan> {
  return call(core, 'prompts.plan', { paths, defaultLanguage })
}

export async function batchOf(core: Core, batchId: string): Promise<PromptBatchView> {
  const batch = (await call(core, 'prompts.batch.list', {})).find((b) => b.id === batchId)
  if (!batch) throw new Error(`batch ${batchId} is not listed`)
  return batch
}

/** Waits until every row of the batch is finished (or `until` holds), and answers the batch as listed then. */
export async function waitForBatch(
  core: Core,
  batchId: string,
  until: (batch: PromptBatchView) => boolean = (b) => b.items.every((item) => FINISHED_STATES.has(item.state)),
  timeoutMs = 60_000,
): Promise<PromptBatchView> {
  return vi.waitFor(
    async () => {
      const batch = await batchOf(core, batchId)
      if (!until(batch)) throw new Error(`batch ${batchId}: ${JSON.stringify(batch.counts)}`)
      return batch
    },
    { timeout: timeoutMs, interval: 50 },
  )
}

export async function waitForRow(
  core: Core,
  batchId: string,
  rowId: string,
  until: (row: PromptUploadView) => boolean,
  timeoutMs = 30_000,
): Promise<PromptUploadView> {
  const batch = await waitForBatch(core, batchId, (b) => b.items.some((item) => item.id === rowId && until(item)), timeoutMs)
  return batch.items.find((item) => item.id === rowId)!
}

export async function removeFolders(...folders: (string | undefined)[]): Promise<void> {
  for (const folder of folders) if (folder) await rm(folder, { recursive: true, force: true })
}
