import { useState, type FormEvent } from 'react'
import type { PrivacyRequestView } from '../../../../shared/contract/privacy'
import { toAppError } from '../../../../shared/errors'
import { BrowseButton } from '../../ui/BrowseButton'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { useCheckFolder, useSaveResults } from './usePrivacy'

/**
 * Where to save the results: a folder path the core checks (it must exist and take a file). The path
 * is typed (the desktop app also offers Browse…); empty means the app's own downloads folder.
 */
export function SaveResultsForm({ request, defaultFolder }: { request: PrivacyRequestView; defaultFolder: string }) {
  const [folder, setFolder] = useState('')
  const [csv, setCsv] = useState(true)
  const [folderError, setFolderError] = useState<string>()
  const checkFolder = useCheckFolder()
  const save = useSaveResults()

  const verify = (path: string) => {
    setFolderError(undefined)
    checkFolder.mutate(path, { onError: (error) => setFolderError(toAppError(error).message) })
  }

  const picked = (path: string) => {
    setFolder(path)
    verify(path)
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setFolderError(undefined)
    save.mutate(
      { id: request.id, folder, csv },
      {
        onError: (error) => {
          const e = toAppError(error)
          if (e.details?.some((d) => d.fieldName === 'folder')) setFolderError(`${e.message} ${e.hint}`)
        },
      },
    )
  }

  const folderRefused = save.isError && toAppError(save.error).details?.some((d) => d.fieldName === 'folder')
  return (
    <form className="privacy-save" onSubmit={submit} noValidate aria-label="Save results">
      <Field
        label="Folder"
        error={folderError}
        hint={
          <>
            Full path of an existing folder you can write to; the files go into a <code>gdpr-export-{request.id.slice(0, 8)}…</code> folder
            inside it. Empty: <code>{defaultFolder}</code>
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
              onChange={(e) => (setFolder(e.target.value), setFolderError(undefined))}
              onBlur={() => folder.trim() && verify(folder)}
              autoComplete="off"
              spellCheck={false}
            />
            <BrowseButton
              kind="folder"
              label="Browse for the results folder"
              title="Choose the folder for the results"
              defaultPath={folder || defaultFolder}
              onPick={picked}
              onError={(e) => setFolderError(`${e.message} ${e.hint}`)}
            />
          </div>
        )}
      </Field>
      <label className="radio privacy-csv">
        <input type="checkbox" checked={csv} onChange={(e) => setCsv(e.target.checked)} />
        Also save CSV copies of the tables in the results (the JSON files are always kept as they came)
      </label>
      {save.isError && !folderRefused && <ErrorPanel error={save.error} title="The results were not saved" />}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={save.isPending}>
          Save results
        </Button>
        {checkFolder.isSuccess && !folderError && <span className="flash">Folder ready: {checkFolder.data.folder}</span>}
      </div>
    </form>
  )
}
