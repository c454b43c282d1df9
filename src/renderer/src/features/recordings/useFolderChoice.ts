import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { RecordingsFolderCheck } from '../../../../shared/contract/recordings'
import { toAppError } from '../../../../shared/errors'
import { api } from '../../api'

/**
 * The folder a download or a transcript save goes to: what the admin typed, the default when empty,
 * and the core's check of it (on leaving the field, and again before anything starts).
 */
export function useFolderChoice() {
  const [folder, setFolderText] = useState('')
  const [error, setError] = useState<string>()
  const [checked, setChecked] = useState<RecordingsFolderCheck>()
  const defaults = useQuery({
    queryKey: ['recordings', 'defaultFolder'],
    queryFn: async () => (await api.call('recordings.downloads.checkFolder', { folder: '' })).defaultFolder,
    staleTime: Infinity,
    retry: false,
  })
  const check = useMutation({ mutationFn: (path: string) => api.call('recordings.downloads.checkFolder', { folder: path }) })

  const setFolder = (path: string) => {
    setFolderText(path)
    setError(undefined)
    setChecked(undefined)
  }
  /** Resolves with the check, or undefined after putting what is wrong (and what to do) on the field. */
  const verify = async (path: string = folder): Promise<RecordingsFolderCheck | undefined> => {
    setError(undefined)
    try {
      const result = await check.mutateAsync(path.trim())
      setChecked(result)
      return result
    } catch (e) {
      const appError = toAppError(e)
      setChecked(undefined)
      setError(appError.hint ? `${appError.message} ${appError.hint}` : appError.message)
      return undefined
    }
  }
  return { folder, setFolder, error, setError, checked, verify, checking: check.isPending, defaultFolder: defaults.data }
}

export type FolderChoice = ReturnType<typeof useFolderChoice>
