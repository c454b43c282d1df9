import { useState } from 'react'
import type { DownloadView } from '../../../../shared/contract/recordings'
import { formatBytes } from '../../../../shared/format'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { DateTime } from '../../ui/DateTime'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { formatCount, formatSeconds } from '../../ui/format'
import { ProgressBar, type ProgressTone } from '../../ui/ProgressBar'
import { DownloadItems } from './DownloadItems'
import { ExistingFilesDialog } from './ExistingFilesDialog'
import { DOWNLOAD_STATE_WORDS, FINISHED_DOWNLOAD_STATES, percent, wordFor } from './recordingWords'
import { useCanShowInFolder } from '../../hooks/useCanShowInFolder'
import { useDownloadControl, useShowDownload, type DownloadControl } from './useRecordings'

/** One download: overall progress, counts, controls, files asking for a choice, and the manifest when done. */
export function DownloadCard({ view }: { view: DownloadView }) {
  const control = useDownloadControl()
  const show = useShowDownload()
  const canShowInFolder = useCanShowInFolder()
  const [deciding, setDeciding] = useState(false)
  const finished = FINISHED_DOWNLOAD_STATES.includes(view.state)
  const { counts } = view
  const settled = counts.saved + counts.skipped + counts.failed
  const value = view.totalBytes ? percent(view.bytes, view.totalBytes) : percent(settled, counts.total)
  const act = (action: DownloadControl) => control.mutate({ action, id: view.id })
  const label = `Download to ${view.folder}`
  return (
    <article className="rec-download" aria-label={label}>
      <div className="rec-download-head">
        <span className={`rec-download-state rec-download-${view.state}`}>{wordFor(DOWNLOAD_STATE_WORDS, view.state)}</span>
        <code className="rec-download-folder">{view.folder}</code>
        <span className="muted">
          started <DateTime iso={view.createdAt} />
        </span>
      </div>
      <ProgressBar percent={value} label={`${label}: ${value}% done`} tone={tone(view)} />
      <p className="rec-download-text num">{bytesText(view)}</p>
      <p className="rec-download-counts num">
        {formatCount(counts.saved)} of {formatCount(counts.total)} saved
        {counts.skipped > 0 && ` · ${formatCount(counts.skipped)} skipped`}
        {counts.failed > 0 && ` · ${formatCount(counts.failed)} failed`}
        {counts.asking > 0 && ` · ${formatCount(counts.asking)} waiting for your choice`}
        {counts.active > 0 && ` · ${formatCount(counts.active)} in progress`}
        {view.batches.submitted > 0 &&
          ` · batch requests ${formatCount(view.batches.completed)} of ${formatCount(view.batches.submitted)} done`}
        {view.transcripts && ' · with transcripts'}
      </p>
      {counts.asking > 0 && (
        <Banner
          level="warning"
          title={`${formatCount(counts.asking)} file${counts.asking === 1 ? ' already exists' : 's already exist'} in this folder.`}
        >
          <Button small variant="primary" onClick={() => setDeciding(true)}>
            Choose what to do…
          </Button>
        </Banner>
      )}
      {deciding && counts.asking > 0 && <ExistingFilesDialog view={view} onClose={() => setDeciding(false)} />}
      <div className="rec-download-controls">
        {(view.state === 'running' || view.state === 'queued') && (
          <Button small onClick={() => act('pause')}>
            Pause
          </Button>
        )}
        {(view.state === 'paused' || view.state === 'interrupted') && (
          <Button small variant="primary" onClick={() => act('resume')}>
            Resume
          </Button>
        )}
        {!finished && (
          <Button small variant="ghost" onClick={() => act('cancel')}>
            Cancel
          </Button>
        )}
        {counts.failed > 0 && (
          <Button small onClick={() => act('retry')}>
            Retry failed
          </Button>
        )}
        {finished && canShowInFolder && (
          <Button small onClick={() => show.mutate(view.id)} aria-label={`Show in folder: the manifest of the download to ${view.folder}`}>
            Show in folder
          </Button>
        )}
      </div>
      {control.isError && <ErrorPanel error={control.error} title="That did not work" />}
      {show.isError && <ErrorPanel error={show.error} title="The folder could not be shown" />}
      {view.error && <ErrorPanel error={view.error} title={view.state === 'failed' ? 'The download failed' : 'The download stopped'} />}
      {view.transcriptOutcomes && view.transcriptOutcomes.length > 0 && <TranscriptOutcomes outcomes={view.transcriptOutcomes} />}
      {view.state === 'interrupted' && (
        <p className="muted">Stopped when Switchboard closed; Resume carries on from the bytes already saved.</p>
      )}
      {view.manifestPath && (
        <p className="rec-manifest">
          Manifest <code>{view.manifestPath}</code> <CopyButton text={view.manifestPath} label="Copy the manifest's path" />
        </p>
      )}
      <DownloadItems view={view} />
    </article>
  )
}

/** With transcripts: how many were saved, and each one that was not, with why. */
function TranscriptOutcomes({ outcomes }: { outcomes: NonNullable<DownloadView['transcriptOutcomes']> }) {
  const saved = outcomes.filter((o) => o.state === 'saved').length
  const others = outcomes.filter((o) => o.state !== 'saved')
  return (
    <div className="rec-transcript-outcomes">
      <p>
        Transcripts: {formatCount(saved)} saved{others.length > 0 ? `, ${formatCount(others.length)} not` : ''}.
      </p>
      {others.length > 0 && (
        <ul>
          {others.slice(0, 20).map((o) => (
            <li key={o.conversationId} className={o.state === 'failed' ? 'rec-problem' : 'muted'}>
              <code>{o.conversationId}</code>: {o.state === 'failed' ? 'failed' : 'none'}
              {o.reason ? ` (${o.reason})` : ''}
            </li>
          ))}
          {others.length > 20 && <li className="muted">…and {formatCount(others.length - 20)} more: see the manifest</li>}
        </ul>
      )}
    </div>
  )
}

function bytesText(view: DownloadView): string {
  const parts = [
    view.totalBytes !== undefined ? `${formatBytes(view.bytes)} of ${formatBytes(view.totalBytes)}` : `${formatBytes(view.bytes)} saved`,
  ]
  if (view.state === 'running' && view.bytesPerSecond) parts.push(`${formatBytes(Math.round(view.bytesPerSecond))}/s`)
  if (view.state === 'running' && view.etaSeconds !== undefined) parts.push(`${formatSeconds(view.etaSeconds)} left`)
  if (view.finishedAt) parts.push('finished')
  return parts.join(' · ')
}

function tone(view: DownloadView): ProgressTone {
  if (view.state === 'done') return view.counts.failed > 0 ? 'failed' : 'done'
  if (view.state === 'failed') return 'failed'
  if (view.state === 'running' || view.state === 'queued') return 'active'
  return 'idle'
}
