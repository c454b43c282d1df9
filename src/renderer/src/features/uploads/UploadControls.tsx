import { useState } from 'react'
import type { UploadView } from '../../../../shared/contract/uploads'
import { Button } from '../../ui/Button'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { useClearFinished, useRowAction } from './useUploads'
import { ACTIVE_STATES, FINISHED_STATES, retryAllLabel, UNFINISHED_STATES } from './uploadWords'

/** The buttons that act on every row at once. */
export function UploadControls({ rows }: { rows: UploadView[] }) {
  const pause = useRowAction('uploads.pause')
  const resume = useRowAction('uploads.resume')
  const cancel = useRowAction('uploads.cancel')
  const retry = useRowAction('uploads.retry')
  const clear = useClearFinished()
  const [confirmCancel, setConfirmCancel] = useState(false)
  const count = (states: UploadView['state'][]) => rows.filter((r) => states.includes(r.state)).length
  const active = count(ACTIVE_STATES)
  const resumable = count(['paused', 'interrupted'])
  const unfinished = count(UNFINISHED_STATES)
  const failed = count(['failed'])
  const cancelled = count(['cancelled'])
  const finished = count(FINISHED_STATES)
  const failure = [pause, resume, cancel, retry, clear].find((m) => m.isError)?.error

  return (
    <div className="upload-controls" role="toolbar" aria-label="All uploads">
      <Button onClick={() => pause.mutate(undefined)} disabled={active === 0} busy={pause.isPending}>
        Pause all
      </Button>
      <Button
        onClick={() => resume.mutate(undefined)}
        disabled={resumable === 0}
        busy={resume.isPending}
        variant={resumable > 0 ? 'primary' : 'secondary'}
      >
        Resume all
      </Button>
      <Button onClick={() => setConfirmCancel(true)} disabled={unfinished === 0} busy={cancel.isPending}>
        Cancel all
      </Button>
      <Button onClick={() => retry.mutate(undefined)} disabled={failed + cancelled === 0} busy={retry.isPending}>
        {retryAllLabel(failed, cancelled)}
      </Button>
      <Button onClick={() => clear.mutate()} disabled={finished === 0} busy={clear.isPending}>
        Clear finished
      </Button>
      {failure != null && <ErrorPanel error={failure} title="That did not work" />}
      <ConfirmDialog
        open={confirmCancel}
        title={`Cancel ${unfinished} unfinished upload${unfinished === 1 ? '' : 's'}?`}
        confirmLabel="Cancel uploads"
        busy={cancel.isPending}
        onCancel={() => setConfirmCancel(false)}
        onConfirm={() => cancel.mutate(undefined, { onSettled: () => setConfirmCancel(false) })}
      >
        <p>
          Uploads already finished stay in the org. A file whose bytes were all sent when it was cancelled may have reached the org; the
          audit log says which.
        </p>
      </ConfirmDialog>
    </div>
  )
}
