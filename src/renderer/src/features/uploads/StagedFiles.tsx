import type { InspectedFile } from '../../../../shared/contract/uploads'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { useStaging } from './stagingStore'
import { useStartUpload } from './useUploads'
import { formatBytes } from '../../../../shared/format'

/** The files about to be sent, what each is, and the batch's metadata; nothing is sent before Start. */
export function StagedFiles() {
  const { result, metadata, force, setMetadata, setForce, clear } = useStaging()
  const start = useStartUpload()
  if (!result || result.files.length === 0) {
    return result && result.ignored.length > 0 ? <IgnoredList ignored={result.ignored} /> : null
  }
  const accepted = result.files.filter((f) => !f.refusal)
  const refused = result.files.length - accepted.length
  const bytes = accepted.reduce((sum, f) => sum + f.size, 0)

  const onStart = () => start.mutate({ paths: result.files.map((f) => f.path), metadata, force }, { onSuccess: () => clear() })

  return (
    <Card title="Ready to upload" className="upload-staged">
      <p className="upload-staged-count">
        {accepted.length} file{accepted.length === 1 ? '' : 's'} ({formatBytes(bytes)}) will be uploaded
        {refused > 0 ? `; ${refused} refused, with the reason beside each` : ''}.
      </p>
      <table className="upload-staged-table">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Size</th>
            <th scope="col">Content</th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {result.files.map((file) => (
            <StagedRow key={file.path} file={file} />
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
      <div className="upload-staged-actions">
        <Button variant="primary" onClick={onStart} busy={start.isPending} disabled={accepted.length === 0}>
          Start upload
        </Button>
        <Button variant="ghost" onClick={clear} disabled={start.isPending}>
          Discard these files
        </Button>
      </div>
    </Card>
  )
}

function StagedRow({ file }: { file: InspectedFile }) {
  return (
    <tr className={file.refusal ? 'upload-staged-refused' : undefined}>
      <th scope="row" className="upload-name" title={file.path}>
        {file.name}
      </th>
      <td>{formatBytes(file.size)}</td>
      <td>{file.contentLabel ?? 'not read'}</td>
      <td>
        {file.refusal ? (
          <>
            <strong>Refused:</strong> {file.refusal}
            {file.hint && <span className="upload-hint"> {file.hint}</span>}
          </>
        ) : (
          'Ready'
        )}
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
