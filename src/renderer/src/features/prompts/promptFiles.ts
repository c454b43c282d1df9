/**
 * Dropped or picked prompts and manifests as paths the core can read. Electron gives paths (folders
 * stay folders: the plan walks them). A browser gives none: each file is checked here first (a .wav or
 * a .csv, within Architect's size limit) and refused with its reason before any byte is sent, then
 * staged with the web shell (POST /api/stage).
 */
import { api } from '../../api'
import { filesOfEntries, hasNativePaths, type Dropped } from '../../droppedFiles'
import { localRefusal } from './promptWords'
import type { LocalRefusal } from './promptsWorkspace'

const STAGE_IN_PARALLEL = 4

export interface PreparedFiles {
  paths: string[]
  refusals: LocalRefusal[]
}

type Progress = (done: number, total: number) => void

export async function prepareDrop(dropped: Dropped, onProgress: Progress): Promise<PreparedFiles> {
  if (hasNativePaths() || dropped.entries.length === 0) return prepareFiles(dropped.files, onProgress)
  return prepareFiles(await filesOfEntries(dropped.entries), onProgress)
}

export async function prepareFiles(files: File[], onProgress: Progress): Promise<PreparedFiles> {
  if (hasNativePaths()) return { paths: await Promise.all(files.map((f) => api.pathForFile(f))), refusals: [] }
  const refusals: LocalRefusal[] = []
  const accepted: File[] = []
  for (const file of files) {
    // Hidden files (.DS_Store and the like) are not offered at all, as the core's folder walk does.
    if (file.name.startsWith('.')) continue
    const reason = localRefusal(file.name, file.size)
    if (reason) refusals.push({ name: file.name, reason })
    else accepted.push(file)
  }
  return { paths: await stageAll(accepted, onProgress), refusals }
}

async function stageAll(files: File[], onProgress: Progress): Promise<string[]> {
  const paths: string[] = new Array(files.length)
  let next = 0
  let done = 0
  onProgress(0, files.length)
  const worker = async () => {
    while (next < files.length) {
      const index = next++
      paths[index] = await api.pathForFile(files[index])
      onProgress(++done, files.length)
    }
  }
  await Promise.all(Array.from({ length: Math.min(STAGE_IN_PARALLEL, files.length) }, worker))
  return paths
}
