import { useEffect, useState } from 'react'
import { AUDIT_EXPORT_EXTENSIONS, AUDIT_EXPORT_FORMATS, type AuditExportFormat, type AuditFilter } from '../../../../shared/contract/audit'
import { toAppError } from '../../../../shared/errors'
import { api } from '../../api'
import { useCanShowInFolder } from '../../hooks/useCanShowInFolder'
import { useSession } from '../../session'
import { Banner } from '../../ui/Banner'
import { BrowseButton } from '../../ui/BrowseButton'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { CopyButton } from '../../ui/CopyButton'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { count, FORMAT_HINT, FORMAT_LABEL } from './auditWords'
import { formatBytes } from '../../../../shared/format'
import { downloadExport } from './downloadExport'
import { useExportJob } from './useExportJob'
import { ProgressBar } from '../../ui/ProgressBar'

interface ExportPanelProps {
  filter: AuditFilter
  filtering: boolean
  /** Matching entries now (the export takes those present when it runs). */
  matching: number
}

/** Export the filtered entries to a file the admin names, as a job with progress and cancel. */
export function ExportPanel({ filter, filtering, matching }: ExportPanelProps) {
  const shell = useSession((s) => s.shell)
  const [format, setFormat] = useState<AuditExportFormat>('csv')
  const [path, setPath] = useState('')
  const [edited, setEdited] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [browseError, setBrowseError] = useState<string>()
  const job = useExportJob()
  const [suggestions, setSuggestions] = useState(0)
  const finished = job.view?.result?.path

  // Once a file is written, the next export gets a fresh name.
  useEffect(() => {
    if (finished) setSuggestions((n) => n + 1)
  }, [finished])

  // A fresh suggestion for each format until the admin types a path of their own.
  useEffect(() => {
    if (edited) return
    let live = true
    void api.call('audit.suggestExportPath', { format }).then(
      ({ path: suggested }) => live && setPath(suggested),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [format, edited, suggestions])

  const start = async (overwrite: boolean) => {
    try {
      await job.start({ format, path, filter, overwrite })
      setConfirming(false)
      setEdited(false)
    } catch (error) {
      if (toAppError(error).code === 'conflict' && !overwrite) {
        job.clearError()
        setConfirming(true)
      } else setConfirming(false)
    }
  }

  const typed = (value: string) => {
    setEdited(true)
    setBrowseError(undefined)
    setPath(value)
  }

  const pathError = job.error && hasPathProblem(job.error) ? toAppError(job.error).message : browseError
  return (
    <Card title="Export" className="audit-export">
      <p className="muted">
        {filtering ? `Exports the ${count(matching)} entries that match the filters` : `Exports all ${count(matching)} entries`}, oldest
        first, as they are when the export runs.
      </p>
      <fieldset className="radio-group" disabled={job.running}>
        <legend>Format</legend>
        {AUDIT_EXPORT_FORMATS.map((f) => (
          <label key={f} className="radio audit-format">
            <input type="radio" name="audit-export-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
            <span>
              <strong>{FORMAT_LABEL[f]}</strong> <span className="muted">— {FORMAT_HINT[f]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Field
        label="Save as"
        hint="The full path of the file to write. Its folder must exist; an existing file is replaced only if you confirm."
        error={pathError}
      >
        {(control) => (
          <div className="path-row">
            <input
              {...control}
              className="input mono"
              value={path}
              disabled={job.running}
              spellCheck={false}
              onChange={(e) => typed(e.target.value)}
            />
            <BrowseButton
              kind="saveFile"
              label="Browse for the export file"
              title="Save the audit export as"
              defaultPath={path}
              filters={[{ name: FORMAT_LABEL[format], extensions: [AUDIT_EXPORT_EXTENSIONS[format]] }]}
              disabled={job.running}
              onPick={typed}
              onError={(e) => setBrowseError(`${e.message} ${e.hint}`)}
            />
          </div>
        )}
      </Field>
      <div className="form-actions">
        <Button variant="primary" onClick={() => void start(false)} busy={job.starting} disabled={job.running || !path.trim()}>
          Export {FORMAT_LABEL[format]}
        </Button>
        {job.running && (
          <Button variant="danger" onClick={() => void job.cancel()}>
            Cancel export
          </Button>
        )}
      </div>
      {job.error != null && !pathError && <ErrorPanel error={job.error} title="The export could not start" />}
      {job.view && <ExportStatus view={job.view} webShell={shell === 'web'} />}
      <ConfirmDialog
        open={confirming}
        title="Replace the existing file?"
        confirmLabel="Replace it"
        onConfirm={() => void start(true)}
        onCancel={() => setConfirming(false)}
        busy={job.starting}
      >
        <p>
          <code>{path}</code> already exists. The export replaces it once it is complete; until then the old file stays as it is.
        </p>
      </ConfirmDialog>
    </Card>
  )
}

function hasPathProblem(error: unknown): boolean {
  const e = toAppError(error)
  return e.code !== 'conflict' && (e.details ?? []).some((d) => d.fieldName === 'path')
}

function ExportStatus({ view, webShell }: { view: NonNullable<ReturnType<typeof useExportJob>['view']>; webShell: boolean }) {
  const [shown, setShown] = useState<{ shown: boolean; path: string } | undefined>()
  const [problem, setProblem] = useState<unknown>()
  const canShowInFolder = useCanShowInFolder()
  const { job, result } = view
  const done = job.progress.doneBytes ?? 0
  const total = job.progress.totalBytes ?? 0
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0

  if (job.state === 'queued' || job.state === 'running') {
    return (
      <div className="audit-progress" aria-live="polite">
        <ProgressBar percent={pct} label="Export progress" />
        <span className="num">
          {job.state === 'queued'
            ? 'Waiting to start…'
            : `Exporting… ${pct} % (${formatBytes(done)} of ${formatBytes(total)} of the log read)`}
        </span>
      </div>
    )
  }
  if (job.state === 'cancelled') return <Banner level="info" title="Export cancelled: no file was written." />
  if (job.state === 'failed' || job.state === 'interrupted') {
    return job.error ? (
      <ErrorPanel error={job.error} title="The export failed" />
    ) : (
      <Banner level="warning" title={`The export was ${job.state}; no file was written.`}>
        Export again.
      </Banner>
    )
  }
  if (!result) return <p className="muted">Finishing…</p>
  const showInFolder = async () => {
    setProblem(undefined)
    try {
      setShown(await api.call('audit.show', { target: 'export', jobId: job.id }))
    } catch (e) {
      setProblem(e)
    }
  }
  const fileName = result.path.split(/[\\/]/).pop() ?? 'audit-export'
  return (
    <div className="audit-export-done" aria-live="polite">
      <Banner
        level="success"
        title={`Exported ${count(result.entries)} ${result.entries === 1 ? 'entry' : 'entries'} (${formatBytes(result.bytes)}).`}
      >
        <p className="audit-path">
          <code>{result.path}</code> <CopyButton text={result.path} label="Copy export path" />
        </p>
        <p className="audit-hash">
          SHA-256 <code>{result.sha256}</code>
        </p>
        {result.damaged > 0 && <p>{count(result.damaged)} damaged lines were left out: run Verify to see where.</p>}
      </Banner>
      <div className="form-actions">
        {canShowInFolder && <Button onClick={() => void showInFolder()}>Show in folder</Button>}
        {webShell && <Button onClick={() => downloadExport(job.id, fileName).catch(setProblem)}>Download {fileName}</Button>}
      </div>
      {shown && !shown.shown && (
        <p className="muted" role="status">
          This browser cannot open your file manager. The file is at <code>{shown.path}</code>{' '}
          <CopyButton text={shown.path} label="Copy the file's path" />
        </p>
      )}
      {problem != null && <ErrorPanel error={problem} title="That did not work" />}
    </div>
  )
}
