import { useState } from 'react'
import type { DownloadView, ExistingFileChoice } from '../../../../shared/contract/recordings'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { formatCount } from '../../ui/format'
import { Modal } from './Modal'
import { useDecide } from './useRecordings'

/** Files that already exist: overwrite, skip or keep both, one at a time or for all of them at once. */
export function ExistingFilesDialog({ view, onClose }: { view: DownloadView; onClose: () => void }) {
  const asking = view.items.filter((item) => item.state === 'asking')
  const [applyToAll, setApplyToAll] = useState(asking.length > 1)
  const decide = useDecide()
  const first = asking[0]
  const n = asking.length

  const choose = (choice: ExistingFileChoice) => {
    const last = applyToAll || n <= 1
    decide.mutate({ id: view.id, choice, ...(applyToAll ? {} : { itemKeys: [first.key] }) }, { onSuccess: () => last && onClose() })
  }

  return (
    <Modal
      title={`${formatCount(n)} file${n === 1 ? ' already exists' : 's already exist'}`}
      onClose={onClose}
      actions={
        <>
          {/* A modal dialog moves focus into itself (WAI-ARIA dialog pattern), onto the choice that loses nothing. */}
          {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
          <Button autoFocus onClick={() => choose('rename')} busy={decide.isPending}>
            Keep both
          </Button>
          <Button onClick={() => choose('skip')} busy={decide.isPending}>
            Skip
          </Button>
          <Button variant="danger" onClick={() => choose('overwrite')} busy={decide.isPending}>
            Overwrite
          </Button>
          <Button variant="ghost" onClick={onClose}>
            Decide later
          </Button>
        </>
      }
    >
      {first ? (
        <p>
          <code>{first.existingPath ?? first.fileName ?? first.recordingId}</code> is already in the folder. Keep both saves the new one
          under another name.
        </p>
      ) : (
        <p>Nothing is waiting for a choice any more.</p>
      )}
      {n > 1 && (
        <label className="radio">
          <input type="checkbox" checked={applyToAll} onChange={(e) => setApplyToAll(e.target.checked)} />
          Apply to all {formatCount(n)} files
        </label>
      )}
      {decide.isError && <ErrorPanel error={decide.error} title="The choice was not taken" />}
    </Modal>
  )
}
