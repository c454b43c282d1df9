import { useState, type FormEvent } from 'react'
import { toAppError } from '../../../../shared/errors'
import { formatBytes } from '../../../../shared/format'
import { Banner } from '../../ui/Banner'
import { BrowseButton } from '../../ui/BrowseButton'
import { Button } from '../../ui/Button'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { CopyButton } from '../../ui/CopyButton'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { useExportPrompts } from './usePrompts'

/** The org's prompts (those the search matches) as a CSV at a path the admin types, or the default one. */
export function PromptExport({ name }: { name: string }) {
  const [path, setPath] = useState('')
  const [browseError, setBrowseError] = useState<string>()
  const exporting = useExportPrompts()
  const conflict = exporting.error != null && toAppError(exporting.error).code === 'conflict'

  const run = (overwrite: boolean) => exporting.mutate({ path: path.trim(), name, ...(overwrite ? { overwrite } : {}) })
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    run(false)
  }
  const pathProblem =
    exporting.error && !conflict && (toAppError(exporting.error).details ?? []).some((d) => d.fieldName === 'path')
      ? toAppError(exporting.error).message
      : browseError
  const typed = (value: string) => {
    setBrowseError(undefined)
    setPath(value)
  }

  return (
    <form className="prompt-export" aria-label="Export prompts" onSubmit={onSubmit}>
      <Field
        label="Save as"
        hint={
          <>
            The full path of the CSV to write (its folder must exist); empty: <code>exports/prompts-&lt;date&gt;.csv</code> in Switchboard’s
            data folder. {name ? `Only prompts matching “${name}”.` : 'Every prompt of the org.'}
          </>
        }
        error={pathProblem}
      >
        {(control) => (
          <div className="path-row">
            <input {...control} className="input mono" value={path} spellCheck={false} onChange={(e) => typed(e.target.value)} />
            <BrowseButton
              kind="saveFile"
              label="Browse for the CSV file"
              title="Save the prompt list as"
              defaultPath={path}
              filters={[{ name: 'CSV', extensions: ['csv'] }]}
              onPick={typed}
              onError={(e) => setBrowseError(`${e.message} ${e.hint}`)}
            />
          </div>
        )}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={exporting.isPending}>
          Export CSV
        </Button>
      </div>
      <ConfirmDialog
        open={conflict}
        title="Replace the existing file?"
        confirmLabel="Replace it"
        onConfirm={() => run(true)}
        onCancel={() => exporting.reset()}
        busy={exporting.isPending}
      >
        <p>
          <code>{path}</code> already exists. The export replaces it once it is complete; until then the old file stays as it is.
        </p>
      </ConfirmDialog>
      {exporting.isError && !pathProblem && !conflict && <ErrorPanel error={exporting.error} title="The prompts could not be exported" />}
      {exporting.data && (
        <Banner
          level="success"
          title={`Exported ${exporting.data.rows} row${exporting.data.rows === 1 ? '' : 's'} (${formatBytes(exporting.data.sizeBytes)}).`}
        >
          <p className="prompt-export-path">
            <code>{exporting.data.path}</code> <CopyButton text={exporting.data.path} label="Copy the CSV's path" />
          </p>
        </Banner>
      )}
    </form>
  )
}
