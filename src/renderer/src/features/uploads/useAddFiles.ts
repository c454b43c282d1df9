import { useState } from 'react'
import { api } from '../../api'
import { pathsFromDrop, pathsFromFiles, type Dropped } from './collectFiles'
import { useStaging } from './stagingStore'

/** Dropped or picked files: find their paths (staging bytes in a browser), then let the core check them. */
export function useAddFiles() {
  const { add, setPreparing } = useStaging()
  const [error, setError] = useState<unknown>(null)

  async function run(findPaths: (progress: (done: number, total: number) => void) => Promise<string[]>) {
    setError(null)
    try {
      const paths = await findPaths((done, total) => setPreparing({ done, total }))
      if (paths.length === 0) return
      add(await api.call('uploads.inspect', { paths }))
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
