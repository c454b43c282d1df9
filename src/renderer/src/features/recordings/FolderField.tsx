import type { ReactNode } from 'react'
import { BrowseButton } from '../../ui/BrowseButton'
import { Field } from '../../ui/Field'
import { folderCheckText } from './recordingWords'
import type { FolderChoice } from './useFolderChoice'

interface FolderFieldProps {
  choice: FolderChoice
  hint: ReactNode
  /** What goes there, for the Browse button: "recordings", "transcript". */
  what: string
}

/** The folder to save into: typed (or picked in the desktop app), checked by the core when the field is left. */
export function FolderField({ choice, hint, what }: FolderFieldProps) {
  const { folder, setFolder, error, verify, defaultFolder } = choice
  return (
    <Field
      label="Folder"
      error={error}
      hint={
        <>
          {hint}
          {defaultFolder && (
            <>
              {' '}
              Empty: <code>{defaultFolder}</code>
            </>
          )}
        </>
      }
    >
      {(control) => (
        <div className="path-row">
          <input
            {...control}
            className="input mono"
            value={folder}
            placeholder={defaultFolder}
            onChange={(e) => setFolder(e.target.value)}
            onBlur={() => void verify()}
            autoComplete="off"
            spellCheck={false}
          />
          <BrowseButton
            kind="folder"
            label={`Browse for the ${what} folder`}
            title={`Choose the folder for the ${what}`}
            defaultPath={folder || defaultFolder}
            onPick={(path) => (setFolder(path), void verify(path))}
            onError={(e) => choice.setError(`${e.message} ${e.hint}`)}
          />
        </div>
      )}
    </Field>
  )
}

/**
 * What the check found, beside the form's buttons: shown there (not under the field), it moves nothing
 * while the admin is pressing Start.
 */
export function FolderStatus({ choice, when }: { choice: FolderChoice; when: string }) {
  const { checked, error } = choice
  return (
    <span className="rec-folder-ok" role="status">
      {checked && !error ? folderCheckText(checked, when) : ''}
    </span>
  )
}
