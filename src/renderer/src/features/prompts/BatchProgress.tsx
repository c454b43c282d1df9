import { useState } from 'react'
import type { PromptBatchView } from '../../../../shared/contract/prompts'
import { useJobControl } from '../../hooks/useJobControls'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { DateTime } from '../../ui/DateTime'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { formatTime } from '../../ui/format'
import { VirtualTable } from '../../ui/VirtualTable'
import { UploadRowCells } from './PromptUploadRow'
import { batchCounts, FINISHED_STATES } from './promptWords'
import { useClearBatches, usePromptBatches, useRetryUploads } from './usePrompts'

const CLASS_NAMES = {
  table: 'prompt-table',
  headGroup: 'prompt-head',
  headRow: 'prompt-upload-row',
  scroll: 'prompt-scroll',
  row: (row: { state: string }) => `prompt-upload-row prompt-upload-row-${row.state}`,
}

/** States whose row offers no button (see PromptUploadRow). */
const SETTLED_STATES: readonly string[] = ['transcoded', 'skipped']

/** Every upload of a batch with its state, progress and controls, and what the batch came to. */
export function BatchProgress() {
  const list = usePromptBatches()
  const clear = useClearBatches()
  const control = useJobControl()
  const retry = useRetryUploads()
  const [shownId, setShownId] = useState<string | null>(null)
  const batches = list.data ?? []
  if (list.isError) return <ErrorPanel error={list.error} title="The prompt uploads could not be listed" />
  if (batches.length === 0) return null
  const shown = batches.find((b) => b.id === shownId) ?? batches[batches.length - 1]
  const finished = batches.flatMap((b) => b.items).some((i) => FINISHED_STATES.includes(i.state))
  const settled = shown.items.every((i) => SETTLED_STATES.includes(i.state))

  return (
    <Card
      title="Prompt uploads"
      className="prompt-batch"
      actions={
        <>
          {batches.length > 1 && <BatchPicker batches={batches} shown={shown} onShow={setShownId} />}
          <Button small onClick={() => clear.mutate()} disabled={!finished} busy={clear.isPending}>
            Clear finished
          </Button>
        </>
      }
    >
      <BatchFigures batch={shown} />
      {clear.isError && <ErrorPanel error={clear.error} title="The finished batches could not be cleared" />}
      {control.isError && <ErrorPanel error={control.error} title="That did not work" />}
      {retry.isError && <ErrorPanel error={retry.error} title="The upload could not be retried" />}
      <VirtualTable
        label="Prompt uploads"
        items={shown.items}
        estimatedRowHeight={48}
        classNames={settled ? { ...CLASS_NAMES, table: 'prompt-table prompt-table-settled' } : CLASS_NAMES}
        columns={
          <>
            <div role="columnheader" className="prompt-cell">
              File
            </div>
            <div role="columnheader" className="prompt-cell">
              Prompt
            </div>
            <div role="columnheader" className="prompt-cell">
              State
            </div>
            <div role="columnheader" className="prompt-cell">
              Progress
            </div>
            <div role="columnheader" className="prompt-cell">
              <span className="sr-only">Actions</span>
            </div>
            <div role="columnheader" className="prompt-cell prompt-details">
              <span className="sr-only">Details</span>
            </div>
          </>
        }
        renderCells={(row) => (
          <UploadRowCells row={row} onAction={(action, id) => (action === 'retry' ? retry.mutate([id]) : control.mutate({ action, id }))} />
        )}
      />
    </Card>
  )
}

function BatchPicker({ batches, shown, onShow }: { batches: PromptBatchView[]; shown: PromptBatchView; onShow(id: string): void }) {
  return (
    <label className="prompt-batch-pick">
      Batch{' '}
      <select className="select" value={shown.id} onChange={(e) => onShow(e.target.value)}>
        {[...batches].reverse().map((b) => (
          <option key={b.id} value={b.id}>
            {formatTime(b.createdAt)} · {b.items.length} file{b.items.length === 1 ? '' : 's'}
          </option>
        ))}
      </select>
    </label>
  )
}

function BatchFigures({ batch }: { batch: PromptBatchView }) {
  const c = batchCounts(batch.items)
  const left = c.active + c.paused
  return (
    <>
      <p className="prompt-batch-state" aria-live="polite">
        {left > 0 ? `${left} of ${c.total} still to go` : 'Finished'} · started <DateTime iso={batch.createdAt} /> · default language{' '}
        <code>{batch.defaultLanguage}</code>
      </p>
      <dl className="prompt-figures">
        <Figure term="Transcoded" value={c.transcoded} />
        <Figure term="Transcode failed" value={c.transcodeFailed} />
        <Figure term="Failed" value={c.failed} />
        <Figure term="Skipped" value={c.skipped} />
        {c.cancelled > 0 && <Figure term="Cancelled" value={c.cancelled} />}
        <Figure term="In progress" value={c.active} />
        {c.paused > 0 && <Figure term="Paused or interrupted" value={c.paused} />}
      </dl>
    </>
  )
}

function Figure({ term, value }: { term: string; value: number }) {
  return (
    <div className="prompt-figure">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  )
}
