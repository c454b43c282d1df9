import { useEffect, useState } from 'react'
import { api } from '../../api'
import { hasNativePaths, pathsFromDrop, pathsFromFiles, type Dropped } from './collectFiles'
import { acceptedPaths, useStaging } from './stagingStore'

let reviewRun = 0

/** Flags files whose content the org already has, or an earlier file of the list has (same SHA-256). */
export async function reviewStagedDuplicates(): Promise<void> {
  const { result, setDuplicates } = useStaging.getState()
  const paths = acceptedPaths(result)
  const run = ++reviewRun
  if (paths.length === 0) return setDuplicates({ state: 'idle' })
  setDuplicates({ state: 'checking' })
  try {
    const review = await api.call('uploads.duplicates', { paths })
    if (run !== reviewRun) return
    setDuplicates({ state: 'done', flags: Object.fromEntries(review.flags.map((f) => [f.path, f])), orgChecked: review.orgChecked })
  } catch {
    // The upload checks again at its hashing step; only the early warning is lost.
    if (run === reviewRun) setDuplicates({ state: 'idle' })
  }
}

/** Dropped or picked files: find their paths (staging bytes in a browser), then let the core check them. */
export function useAddFiles() {
  const { add, setPreparing, requestFocus } = useStaging()
  const [error, setError] = useState<unknown>(null)

  async function run(findPaths: (progress: (done: number, total: number) => void) => Promise<string[]>) {
    setError(null)
    try {
      const paths = await findPaths((done, total) => setPreparing({ done, total }))
      if (paths.length === 0) return
      add(await api.call('uploads.inspect', { paths }))
      requestFocus({ to: 'list' })
      void reviewStagedDuplicates()
    } catch (e) {
      setError(e)
    } finally {
      setPreparing(null)
    }
  }

  return {
    error,
    addDropped: (dropped: Dropped) => run((progress) => pathsFromDrop(dropped, progress)),
    addFiles: (files: File[]) => run((progress) => pathsFromFiles(files, progress)),
  }
}

/**
 * In a browser the dropped files are copies the web shell keeps until they are started or discarded, so
 * a reloaded page gets its review list back instead of leaving copies nobody sees.
 */
export function useRestoreStaged(): void {
  useEffect(() => {
    if (hasNativePaths() || useStaging.getState().result) return
    let cancelled = false
    api
      .call('uploads.staged', {})
      .then((restored) => {
        if (cancelled || restored.files.length === 0 || useStaging.getState().result) return
        useStaging.getState().add(restored)
        void reviewStagedDuplicates()
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [])
}

/** Removes files from the review list and deletes their staged copies (the admin's own files are never touched). */
export function useDiscardStaged() {
  const [error, setError] = useState<unknown>(null)
  const discard = async (paths: string[]) => {
    setError(null)
    try {
      if (paths.length > 0) await api.call('uploads.discard', { paths })
    } catch (e) {
      setError(e)
    }
  }
  return {
    error,
    discardAll: () => {
      const { result, clear, requestFocus } = useStaging.getState()
      void discard((result?.files ?? []).map((f) => f.path))
      clear()
      requestFocus({ to: 'dropZone' })
    },
    discardOne: (path: string) => {
      const { result, remove, requestFocus, duplicates } = useStaging.getState()
      const files = result?.files ?? []
      const index = files.findIndex((f) => f.path === path)
      const next = files[index + 1] ?? files[index - 1]
      void discard([path])
      remove(path)
      requestFocus(next ? { to: 'row', path: next.path } : { to: 'dropZone' })
      // A file flagged as the same as this one is no longer a duplicate of anything in the list.
      if (duplicates.state === 'done' && Object.values(duplicates.flags).some((f) => f.where === 'list')) void reviewStagedDuplicates()
    },
  }
}
