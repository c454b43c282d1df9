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
  /** "the download starts", "the transcript is saved". */
  when: string
}

/** The folder to save into: typed (or picked in the desktop app), checked by the core when the field is left. */
export function FolderField({ choice, hint, what, when }: FolderFieldProps) {
  const { folder, setFolder, error, checked, verify, defaultFolder } = choice
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
        <>
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
          {checked && !error && (
            <p className="rec-folder-ok" role="status">
              {folderCheckText(checked, when)}
            </p>
          )}
        </>
      )}
    </Field>
  )
}
