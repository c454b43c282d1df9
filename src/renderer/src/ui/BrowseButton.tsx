import { useState } from 'react'
import type { FileFilter, PickPathResult } from '../../../shared/contract/dialogs'
import { AppError, toAppError } from '../../../shared/errors'
import { api } from '../api'
import { useSession } from '../session'
import { Button } from './Button'

interface BrowseButtonProps {
  /** A folder to write into, or a file to save as. */
  kind: 'folder' | 'saveFile'
  /** The button's accessible name: what it picks, e.g. "Browse for the results folder". */
  label: string
  /** The dialog's title, e.g. "Choose the folder for the results". */
  title: string
  /** Where the dialog opens: usually what the input holds now (ignored unless a full path). */
  defaultPath?: string
  /** Save dialogs only. */
  filters?: FileFilter[]
  disabled?: boolean
  /** The chosen path, to put into the input; validation then runs as if it had been typed. */
  onPick: (path: string) => void
  /** The dialog could not open: show it where the field shows its errors. */
  onError: (error: AppError) => void
}

/**
 * "Browse…" beside a typed folder or file path: the desktop app's native dialog fills the input. The
 * web shell has no native dialogs, so there the button is not shown and the path is typed as before.
 */
export function BrowseButton({ kind, label, title, defaultPath, filters, disabled, onPick, onError }: BrowseButtonProps) {
  const desktop = useSession((s) => s.shell) === 'electron'
  const [open, setOpen] = useState(false)
  if (!desktop) return null

  const browse = async () => {
    setOpen(true)
    try {
      const start = defaultPath?.trim() ? { defaultPath: defaultPath.trim() } : {}
      const result: PickPathResult =
        kind === 'folder'
          ? await api.call('dialogs.pickFolder', { title, ...start })
          : await api.call('dialogs.pickSaveFile', { title, ...start, ...(filters ? { filters } : {}) })
      if (!result.supported) {
        onError(
          new AppError({
            code: 'internal',
            message: 'This window cannot open a file dialog.',
            hint: 'Type the full path into the field instead.',
          }),
        )
      } else if (result.path) onPick(result.path)
    } catch (error) {
      onError(toAppError(error))
    } finally {
      setOpen(false)
    }
  }

  return (
    <Button className="browse-button" aria-label={label} disabled={disabled} busy={open} onClick={() => void browse()}>
      Browse…
    </Button>
  )
}
