import type { ReactNode } from 'react'
import { BrowseButton } from '../../ui/BrowseButton'
import { Field } from '../../ui/Field'

interface FolderInputProps {
  label: string
  value: string
  onChange: (folder: string) => void
  hint: ReactNode
  error?: string
  onError: (message: string) => void
  /** What goes there, for the Browse button: "archive", "exports". */
  what: string
  placeholder?: string
}

/** A folder typed as a full path (the desktop app adds Browse…); the core checks it when the work starts. */
export function FolderInput({ label, value, onChange, hint, error, onError, what, placeholder }: FolderInputProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <div className="path-row">
          <input
            {...control}
            className="input mono"
            value={value}
            placeholder={placeholder}
            onChange={(e) => onChange(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
          <BrowseButton
            kind="folder"
            label={`Browse for the ${what} folder`}
            title={`Choose the ${what} folder`}
            defaultPath={value || placeholder}
            onPick={onChange}
            onError={(e) => onError(`${e.message} ${e.hint}`)}
          />
        </div>
      )}
    </Field>
  )
}

/** A core refusal that names the folder belongs on the folder's field; anything else in an error panel. */
export function folderRefusal(error: { details?: Record<string, unknown>[]; message: string; hint?: string }): string | undefined {
  if (!error.details?.some((d) => d.fieldName === 'folder')) return undefined
  return error.hint ? `${error.message} ${error.hint}` : error.message
}
