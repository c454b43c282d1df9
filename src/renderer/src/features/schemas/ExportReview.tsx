import { useState } from 'react'
import type { FieldDef } from '../../../../shared/contract/schemas'
import { BrowseButton } from '../../ui/BrowseButton'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { useExportReview } from './useSchemas'

interface ExportReviewProps {
  schemaId: string
  baseVersion: number
  proposed: FieldDef[]
  ticked: string[]
}

/** Writes the review for approvers: JSON for tools and a Markdown report, into a folder the admin names. */
export function ExportReview(props: ExportReviewProps) {
  const [directory, setDirectory] = useState('')
  const [browseError, setBrowseError] = useState<string>()
  const exporting = useExportReview()
  const typed = (value: string) => {
    setBrowseError(undefined)
    setDirectory(value)
  }
  return (
    <div className="export-review">
      <Field label="Export folder (optional)" hint="A full folder path. Empty: the app's export folder." error={browseError}>
        {(control) => (
          <div className="path-row">
            <input {...control} className="input" value={directory} onChange={(e) => typed(e.target.value)} />
            <BrowseButton
              kind="folder"
              label="Browse for the review's export folder"
              title="Choose the folder for the schema review"
              defaultPath={directory}
              onPick={typed}
              onError={(e) => setBrowseError(`${e.message} ${e.hint}`)}
            />
          </div>
        )}
      </Field>
      <Button
        onClick={() => exporting.mutate({ ...props, ...(directory.trim() ? { directory: directory.trim() } : {}) })}
        busy={exporting.isPending}
      >
        Export review
      </Button>
      <div aria-live="polite">
        {exporting.data && (
          <p className="export-done">
            Saved <code>{exporting.data.reportPath}</code> and <code>{exporting.data.jsonPath}</code>
          </p>
        )}
      </div>
      {exporting.isError && <ErrorPanel error={exporting.error} title="Could not export the review" />}
    </div>
  )
}
