import { useEffect, useState } from 'react'
import { useCanShowInFolder } from '../../hooks/useCanShowInFolder'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { CopyButton } from '../../ui/CopyButton'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { count } from './auditWords'
import { formatBytes } from '../../../../shared/format'
import { useArchive, useAuditSettings, useRotate, useSaveAuditSettings, useSegments, useShowLogFolder } from './useAudit'

const STATE_WORDS = { active: 'Active (being written)', closed: 'Closed', archived: 'Archived (gzip)' }

/** The log's files and its retention: segment size, archiving old segments, the log folder. */
export function RetentionView() {
  return (
    <>
      <SegmentsCard />
      <RetentionSettingsCard />
    </>
  )
}

function SegmentsCard() {
  const segments = useSegments()
  const rotate = useRotate()
  const archive = useArchive()
  const show = useShowLogFolder()
  const canShowInFolder = useCanShowInFolder()
  const [keep, setKeep] = useState('1')
  const keepNumber = Number(keep)
  const keepValid = keep.trim() !== '' && Number.isInteger(keepNumber) && keepNumber >= 0 && keepNumber <= 1000
  const data = segments.data
  return (
    <Card
      title="Log files"
      actions={
        canShowInFolder ? (
          <Button small onClick={() => show.mutate()} busy={show.isPending}>
            Open log folder
          </Button>
        ) : undefined
      }
    >
      {show.data && !show.data.shown && (
        <p className="muted" role="status">
          This browser cannot open your file manager. The log folder is <code>{show.data.path}</code>{' '}
          <CopyButton text={show.data.path} label="Copy the log folder's path" />
        </p>
      )}
      {show.error != null && <ErrorPanel error={show.error} title="Could not open the log folder" />}
      <p className="muted">
        The log is written to an active file that is closed as a segment once it reaches the size set below; the hash chain runs on across
        segments. Archived segments are compressed into archive/ and leave the list and the search, but Verify still checks where the live
        log joins them.
      </p>
      {segments.error != null && <ErrorPanel error={segments.error} title="Could not list the log files" />}
      {data && (
        <div className="audit-table-scroll">
          <table className="audit-metrics">
            <caption className="muted audit-caption">
              {data.segments.length} {data.segments.length === 1 ? 'file' : 'files'}, {formatBytes(data.totalBytes)} in{' '}
              <code>{data.logFolder}</code>
            </caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  First entry
                </th>
                <th scope="col" className="num">
                  Size
                </th>
              </tr>
            </thead>
            <tbody>
              {data.segments.map((s) => (
                <tr key={`${s.state}-${s.name}`}>
                  <th scope="row" className="mono">
                    {s.name}
                  </th>
                  <td>{STATE_WORDS[s.state]}</td>
                  <td className="num">
                    #{count(s.firstSeq)}
                    {s.lastSeq !== undefined ? ` to #${count(s.lastSeq)}` : ''}
                  </td>
                  <td className="num">{formatBytes(s.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="audit-retention-actions">
        <Button onClick={() => rotate.mutate()} busy={rotate.isPending}>
          Close the active file now
        </Button>
        <Field label="Closed segments to keep live" error={keepValid ? undefined : 'A whole number from 0 to 1000'}>
          {(control) => (
            <input {...control} className="input audit-narrow" inputMode="numeric" value={keep} onChange={(e) => setKeep(e.target.value)} />
          )}
        </Field>
        <Button onClick={() => archive.mutate(keepNumber)} busy={archive.isPending} disabled={!keepValid}>
          Archive older segments
        </Button>
      </div>
      {archive.data && (
        <Banner
          level="success"
          title={
            archive.data.archived === 0
              ? 'Nothing to archive: no closed segments beyond those kept.'
              : `Archived ${archive.data.archived} segment(s).`
          }
          onDismiss={() => archive.reset()}
        />
      )}
      {rotate.error != null && <ErrorPanel error={rotate.error} title="Could not close the active file" />}
      {archive.error != null && <ErrorPanel error={archive.error} title="Could not archive" />}
    </Card>
  )
}

function RetentionSettingsCard() {
  const settings = useAuditSettings()
  const save = useSaveAuditSettings()
  const [size, setSize] = useState('')
  const [auto, setAuto] = useState(false)
  const [keep, setKeep] = useState('2')
  const current = settings.data?.settings
  useEffect(() => {
    if (!current) return
    setSize(String(current.maxSegmentMiB))
    setAuto(current.keepClosedSegments !== null)
    setKeep(String(current.keepClosedSegments ?? 2))
  }, [current])

  const sizeNumber = Number(size)
  const sizeError =
    Number.isInteger(sizeNumber) && sizeNumber >= 1 && sizeNumber <= 1024 ? undefined : 'A whole number of MiB from 1 to 1024'
  const keepNumber = Number(keep)
  const keepError =
    !auto || (keep.trim() !== '' && Number.isInteger(keepNumber) && keepNumber >= 0 && keepNumber <= 1000)
      ? undefined
      : 'A whole number from 0 to 1000'
  return (
    <Card title="Retention settings">
      <form
        className="audit-settings"
        onSubmit={(e) => {
          e.preventDefault()
          if (sizeError || keepError) return
          save.mutate({ maxSegmentMiB: sizeNumber, keepClosedSegments: auto ? keepNumber : null })
        }}
      >
        <Field
          label="Segment size (MiB)"
          hint="The active file is closed as a segment at this size."
          error={size === '' ? undefined : sizeError}
        >
          {(control) => (
            <input {...control} className="input audit-narrow" inputMode="numeric" value={size} onChange={(e) => setSize(e.target.value)} />
          )}
        </Field>
        <label className="radio">
          <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> Archive old segments automatically after each
          rotation
        </label>
        <Field
          label="Closed segments kept live"
          hint="Older closed segments are archived (gzip); search and export cover live segments only."
          error={keepError}
        >
          {(control) => (
            <input
              {...control}
              className="input audit-narrow"
              inputMode="numeric"
              value={keep}
              disabled={!auto}
              onChange={(e) => setKeep(e.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={save.isPending} disabled={!current}>
            Save retention settings
          </Button>
        </div>
      </form>
      {save.isSuccess && <Banner level="success" title="Retention settings saved; they apply now." onDismiss={() => save.reset()} />}
      {save.error != null && <ErrorPanel error={save.error} title="Could not save the retention settings" />}
      {settings.data && (
        <dl className="facts audit-key">
          <div className="fact">
            <dt>Audit key: signs the chain head and exported bundles (SHA-256 of the public key)</dt>
            <dd>
              <code>{settings.data.signingKeyFingerprint}</code>{' '}
              <CopyButton text={settings.data.signingKeyFingerprint} label="Copy signing key fingerprint" />
            </dd>
          </div>
          <div className="fact">
            <dt>Audit key protected by</dt>
            <dd>
              {settings.data.signingKey.keychain ? `the OS keychain (${settings.data.signingKey.backend})` : <strong>no keychain</strong>}
              {settings.data.signingKey.warning && <p className="audit-key-warning">{settings.data.signingKey.warning}</p>}
            </dd>
          </div>
          <div className="fact">
            <dt>Exports are suggested in</dt>
            <dd>
              <code>{settings.data.exportFolder}</code>
            </dd>
          </div>
        </dl>
      )}
    </Card>
  )
}
