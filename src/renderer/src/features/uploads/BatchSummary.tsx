import type { UploadBatchView } from '../../../../shared/contract/uploads'
import { Card } from '../../ui/Card'
import { DateTime } from '../../ui/DateTime'
import { formatMs } from '../../ui/format'
import { formatSpeed } from './uploadWords'
import { formatBytes } from '../../../../shared/format'

interface BatchSummaryProps {
  batches: UploadBatchView[]
  shown: UploadBatchView
  onShow(id: string): void
}

/** What a batch came to: counts, bytes, time and speed, with the metadata it was sent with. */
export function BatchSummary({ batches, shown, onShow }: BatchSummaryProps) {
  const s = shown.summary
  const { department, complianceTag, retentionDirective } = shown.metadata
  return (
    <Card
      title="Batch summary"
      live
      actions={
        batches.length > 1 && (
          <label className="upload-batch-pick">
            Batch{' '}
            <select className="select" value={shown.id} onChange={(e) => onShow(e.target.value)}>
              {[...batches].reverse().map((b) => (
                <option key={b.id} value={b.id}>
                  <DateTime iso={b.createdAt} /> · {b.summary.files} file{b.summary.files === 1 ? '' : 's'}
                </option>
              ))}
            </select>
          </label>
        )
      }
    >
      <p className="upload-batch-state">
        {shown.finished ? 'Finished' : `${s.unfinished} of ${s.files - s.refused} still to go`} · started <DateTime iso={shown.createdAt} />{' '}
        · {shown.profileName}
        {shown.orgName ? ` (${shown.orgName})` : ''}
        {shown.force ? ' · duplicates uploaded again' : ''}
      </p>
      <dl className="upload-summary">
        <Figure term="Uploaded" value={String(s.uploaded)} />
        <Figure term="Skipped as duplicates" value={String(s.skipped)} />
        <Figure term="Failed" value={String(s.failed)} />
        <Figure term="Refused" value={String(s.refused)} />
        {s.cancelled > 0 && <Figure term="Cancelled" value={String(s.cancelled)} />}
        <Figure term="Bytes sent" value={`${formatBytes(s.bytesSent)} of ${formatBytes(s.bytesTotal)}`} />
        <Figure term="Active time" value={formatMs(s.durationMs)} />
        <Figure term="Average speed" value={s.averageBytesPerSecond > 0 ? formatSpeed(s.averageBytesPerSecond) : '—'} />
      </dl>
      {(department || complianceTag || retentionDirective) && (
        <p className="upload-batch-meta">
          {department && <>Department: {department}. </>}
          {complianceTag && <>Compliance tag: {complianceTag}. </>}
          {retentionDirective && <>Retention: {retentionDirective}.</>}
        </p>
      )}
    </Card>
  )
}

function Figure({ term, value }: { term: string; value: string }) {
  return (
    <div className="upload-figure">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  )
}
