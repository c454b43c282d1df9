import { useState } from 'react'
import { Banner } from '../../ui/Banner'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { BatchSummary } from './BatchSummary'
import { DropZone } from './DropZone'
import { StagedFiles } from './StagedFiles'
import { UploadControls } from './UploadControls'
import { UploadList } from './UploadList'
import { UploadSettingsPanel } from './UploadSettingsPanel'
import { useLeaveWarning } from './useLeaveWarning'
import { useRowAction, useUploadsList } from './useUploads'
import { ACTIVE_STATES } from './uploadWords'

/** Recording uploads: drop, check, set the batch's metadata, start, and follow every file to the org. */
export function CallRecordingsTab() {
  const list = useUploadsList()
  const cancel = useRowAction('uploads.cancel')
  const retry = useRowAction('uploads.retry')
  const [shownBatch, setShownBatch] = useState<string | null>(null)
  const rows = list.data?.rows ?? []
  useLeaveWarning(rows.some((r) => ACTIVE_STATES.includes(r.state)))

  const batches = list.data?.batches ?? []
  const shown = batches.find((b) => b.id === shownBatch) ?? batches.at(-1)
  const interrupted = rows.filter((r) => r.state === 'interrupted').length
  // Unfinished rows of other batches stay in view: they need a decision too.
  const shownRows = shown ? rows.filter((r) => r.batchId === shown.id || r.state === 'interrupted' || r.state === 'paused') : rows

  return (
    <>
      <p className="screen-intro">
        Call recordings go to the active org through the Recording upload API: each file is checked by its content, hashed, sent once with
        its MD5 for the storage to verify, and audited. A file this org already has is skipped. Uploads carry on across pauses and restarts.
      </p>
      {list.data && <UploadSettingsPanel key={JSON.stringify(list.data.settings)} settings={list.data.settings} />}
      <DropZone />
      <StagedFiles />
      {interrupted > 0 && (
        <Banner
          level="warning"
          title={`${interrupted} upload${interrupted === 1 ? ' was' : 's were'} interrupted when Switchboard last stopped.`}
        >
          Choose “Resume all” to finish {interrupted === 1 ? 'it' : 'them'}: each continues from its last step, and a file that may already
          have reached the org is checked with the org first, never sent twice.
        </Banner>
      )}
      {list.isError && <ErrorPanel error={list.error} title="The uploads could not be listed" />}
      {shown && <BatchSummary batches={batches} shown={shown} onShow={setShownBatch} />}
      {list.data && rows.length > 0 && (
        <section className="upload-rows" aria-label="Upload rows">
          <UploadControls rows={rows} />
          {cancel.isError && <ErrorPanel error={cancel.error} title="The upload could not be cancelled" />}
          {retry.isError && <ErrorPanel error={retry.error} title="The upload could not be retried" />}
          <UploadList rows={shownRows} onCancel={(id) => cancel.mutate([id])} onRetry={(id) => retry.mutate([id])} />
        </section>
      )}
      {list.data && rows.length === 0 && !shown && (
        <EmptyState title="No uploads yet">Drop recordings above, or choose them with “Choose files…”.</EmptyState>
      )}
    </>
  )
}
