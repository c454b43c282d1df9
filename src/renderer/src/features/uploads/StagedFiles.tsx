import { useEffect, useRef } from 'react'
import type { DuplicateFlag, InspectedFile } from '../../../../shared/contract/uploads'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { DateTime } from '../../ui/DateTime'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { useStaging, type DuplicateReviewState } from './stagingStore'
import { formatRecordingLength } from './recordingLength'
import { useDiscardStaged } from './useAddFiles'
import { useStartUpload } from './useUploads'
import { formatBytes } from '../../../../shared/format'

/** The files about to be sent, what each is, and the batch's metadata; nothing is sent before Start. */
export function StagedFiles() {
  const { result, metadata, force, duplicates, setMetadata, setForce, clear } = useStaging()
  const start = useStartUpload()
  const discard = useDiscardStaged()
  const list = useStagedFocus()
  if (!result || result.files.length === 0) {
    return result && result.ignored.length > 0 ? <IgnoredList ignored={result.ignored} /> : null
  }
  const accepted = result.files.filter((f) => !f.refusal)
  const refused = result.files.length - accepted.length
  const bytes = accepted.reduce((sum, f) => sum + f.size, 0)

  const onStart = () => start.mutate({ paths: result.files.map((f) => f.path), metadata, force }, { onSuccess: () => clear() })

  return (
    <div ref={list} className="upload-staged-wrap">
      <Card title="Ready to upload" className="upload-staged">
        <p className="upload-staged-count">
          {accepted.length} file{accepted.length === 1 ? '' : 's'} ({formatBytes(bytes)}) will be uploaded
          {refused > 0 ? `; ${refused} refused, with the reason beside each` : ''}.
        </p>
        <DuplicateStatus duplicates={duplicates} />
        <table className="upload-staged-table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Size</th>
              <th scope="col">Content</th>
              <th scope="col">Check</th>
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {result.files.map((file) => (
              <StagedRow
                key={file.path}
                file={file}
                duplicate={duplicates.state === 'done' ? duplicates.flags[file.path] : undefined}
                onRemove={() => discard.discardOne(file.path)}
              />
            ))}
          </tbody>
        </table>
        {result.ignored.length > 0 && <IgnoredList ignored={result.ignored} />}
        <fieldset className="upload-metadata">
          <legend>Batch metadata (kept with the batch and in the audit log)</legend>
          <Field label="Department">
            {(control) => (
              <input
                {...control}
                className="input"
                value={metadata.department}
                maxLength={100}
                onChange={(e) => setMetadata({ department: e.target.value })}
              />
            )}
          </Field>
          <Field label="Compliance tag">
            {(control) => (
              <input
                {...control}
                className="input"
                value={metadata.complianceTag}
                maxLength={100}
                onChange={(e) => setMetadata({ complianceTag: e.target.value })}
              />
            )}
          </Field>
          <Field label="Retention directive">
            {(control) => (
              <input
                {...control}
                className="input"
                value={metadata.retentionDirective}
                maxLength={100}
                onChange={(e) => setMetadata({ retentionDirective: e.target.value })}
              />
            )}
          </Field>
        </fieldset>
        <label className="upload-force">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Upload files whose content this org already
          has (normally skipped as duplicates)
        </label>
        {start.isError && <ErrorPanel error={start.error} title="The upload could not start" />}
        {discard.error != null && <ErrorPanel error={discard.error} title="The staged copies could not all be deleted" />}
        <div className="upload-staged-actions">
          <Button variant="primary" onClick={onStart} busy={start.isPending} disabled={accepted.length === 0}>
            Start upload
          </Button>
          <Button variant="ghost" onClick={discard.discardAll} disabled={start.isPending}>
            Discard these files
          </Button>
        </div>
      </Card>
    </div>
  )
}

/** Moves focus into the list once it has rendered: its heading after files are added, a row's Remove after one is removed. */
function useStagedFocus() {
  const ref = useRef<HTMLDivElement>(null)
  const focus = useStaging((s) => s.focus)
  useEffect(() => {
    const root = ref.current
    if (!focus || !root || focus.to === 'dropZone') return
    const target =
      focus.to === 'list'
        ? root.querySelector<HTMLElement>('.card-title')
        : Array.from(root.querySelectorAll<HTMLElement>('[data-staged-remove]')).find((b) => b.dataset.stagedRemove === focus.path)
    if (!target) return
    if (focus.to === 'list') target.tabIndex = -1
    target.focus()
    useStaging.getState().requestFocus(null)
  })
  return ref
}

function DuplicateStatus({ duplicates }: { duplicates: DuplicateReviewState }) {
  if (duplicates.state === 'checking')
    return (
      <p className="upload-staged-dupes" role="status">
        Looking for duplicates…
      </p>
    )
  if (duplicates.state !== 'done') return null
  const count = Object.keys(duplicates.flags).length
  return (
    <p className="upload-staged-dupes" role="status">
      {count === 0 ? 'No duplicates found' : `${count} duplicate${count === 1 ? '' : 's'} flagged below`}
      {duplicates.orgChecked
        ? '.'
        : ' in this list; the org could not be asked (check the connection), so uploads already there are found at upload.'}
    </p>
  )
}

/** Names and dates stay whole: "queue-call.wav" must not break at its hyphen. */
function DuplicateText({ flag }: { flag: DuplicateFlag }) {
  const name = <span className="upload-nowrap">{flag.of}</span>
  if (flag.where === 'list') return <>Duplicate: same content as {name}, earlier in this list.</>
  const date = flag.uploadedAt ? <DateTime iso={flag.uploadedAt} /> : null
  return (
    <>
      Duplicate: this org already has it (uploaded as {name}
      {date && <> on {date}</>}).
    </>
  )
}

function StagedRow({ file, duplicate, onRemove }: { file: InspectedFile; duplicate?: DuplicateFlag; onRemove: () => void }) {
  return (
    <tr className={file.refusal ? 'upload-staged-refused' : duplicate ? 'upload-staged-duplicate' : undefined}>
      <th scope="row" className="upload-name" title={file.path}>
        {file.name}
      </th>
      <td>{formatBytes(file.size)}</td>
      <td>
        {file.contentLabel ?? 'not read'}
        {file.durationSeconds !== undefined && (
          <span className="upload-duration" title="Length of the recording">
            <span className="sr-only">, length </span>
            {formatRecordingLength(file.durationSeconds)}
          </span>
        )}
      </td>
      <td>
        {file.refusal ? (
          <>
            <strong>Refused:</strong> {file.refusal}
            {file.hint && <span className="upload-hint"> {file.hint}</span>}
          </>
        ) : duplicate ? (
          <>
            <strong>
              <DuplicateText flag={duplicate} />
            </strong>
            <span className="upload-hint"> Remove it, or keep it (skipped at upload unless the duplicates box below is ticked).</span>
          </>
        ) : (
          'Ready'
        )}
      </td>
      <td>
        <Button small variant="ghost" data-staged-remove={file.path} aria-label={`Remove ${file.name}`} onClick={onRemove}>
          Remove
        </Button>
      </td>
    </tr>
  )
}

function IgnoredList({ ignored }: { ignored: { path: string; reason: string }[] }) {
  return (
    <details className="upload-ignored">
      <summary>
        {ignored.length} item{ignored.length === 1 ? '' : 's'} in the dropped folders left out
      </summary>
      <ul>
        {ignored.map((item) => (
          <li key={item.path}>
            <code>{item.path}</code>: {item.reason}
          </li>
        ))}
      </ul>
    </details>
  )
}
