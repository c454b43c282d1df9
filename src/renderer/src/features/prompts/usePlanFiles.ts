import { useState } from 'react'
import { create } from 'zustand'
import { api } from '../../api'
import type { Dropped } from '../../droppedFiles'
import { prepareDrop, prepareFiles, type PreparedFiles } from './promptFiles'
import { usePromptsWorkspace } from './promptsWorkspace'

/** The last plan call's failure, shared by the drop zone and the language field that both plan. */
const usePlanError = create<{ error: unknown; set(error: unknown): void }>()((set) => ({ error: null, set: (error) => set({ error }) }))

let planRun = 0

/** Plans every path added so far with the batch's default language; an older answer never replaces a newer one. */
async function planAll(): Promise<void> {
  const { paths, defaultLanguage, setPlan } = usePromptsWorkspace.getState()
  if (paths.length === 0) return
  const run = ++planRun
  usePlanError.getState().set(null)
  try {
    const plan = await api.call('prompts.plan', { paths, defaultLanguage: defaultLanguage ?? 'en-us' })
    if (run === planRun) setPlan(plan)
  } catch (error) {
    if (run === planRun) usePlanError.getState().set(error)
  }
}

/** Dropped or picked files: found (staged in a browser), then planned together with those added before. */
export function usePlanFiles() {
  const error = usePlanError((s) => s.error)
  const [prepareError, setPrepareError] = useState<unknown>(null)

  async function run(prepare: (progress: (done: number, total: number) => void) => Promise<PreparedFiles>) {
    const { setPreparing, addFiles } = usePromptsWorkspace.getState()
    setPrepareError(null)
    try {
      const prepared = await prepare((done, total) => setPreparing({ done, total }))
      addFiles(prepared.paths, prepared.refusals)
      await planAll()
    } catch (e) {
      setPrepareError(e)
    } finally {
      setPreparing(null)
    }
  }

  return {
    error: prepareError ?? error,
    addDropped: (dropped: Dropped) => run((progress) => prepareDrop(dropped, progress)),
    addFiles: (files: File[]) => run((progress) => prepareFiles(files, progress)),
  }
}

/** Plans again (the default language changed). */
export function useReplan() {
  return () => void planAll()
}
