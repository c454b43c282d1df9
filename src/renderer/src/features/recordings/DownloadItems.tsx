import type { DownloadItemView, DownloadView } from '../../../../shared/contract/recordings'
import { formatBytes } from '../../../../shared/format'
import { CopyButton } from '../../ui/CopyButton'
import { formatCount } from '../../ui/format'
import { VirtualTable } from '../../ui/VirtualTable'
import { ITEM_STATE_WORDS, wordFor } from './recordingWords'
import { CopyIdButton } from './ShortId'

type ItemRow = DownloadItemView & { id: string }

const CLASS_NAMES = {
  table: 'rec-items',
  headGroup: 'rec-items-head',
  headRow: 'rec-item',
  scroll: 'rec-items-scroll',
  row: (item: ItemRow) => `rec-item rec-item-${item.state}`,
}

/** Each file of a download: where it stands, its bytes, and why when it failed. Open on its own while files need attention. */
export function DownloadItems({ view }: { view: DownloadView }) {
  const rows: ItemRow[] = view.items.map((item) => ({ ...item, id: item.key }))
  const attention = view.counts.failed > 0 || view.counts.asking > 0
  return (
    <details className="rec-items-details" open={attention || undefined}>
      <summary>Files ({formatCount(view.items.length)})</summary>
      <VirtualTable
        label={`Files of the download to ${view.folder}`}
        items={rows}
        estimatedRowHeight={36}
        classNames={CLASS_NAMES}
        columns={
          <>
            <div role="columnheader" className="rec-cell">
              File
            </div>
            <div role="columnheader" className="rec-cell">
              State
            </div>
            <div role="columnheader" className="rec-cell rec-num">
              Bytes
            </div>
            <div role="columnheader" className="rec-cell">
              Details
            </div>
          </>
        }
        renderCells={(item) => <ItemCells item={item} />}
      />
    </details>
  )
}

function ItemCells({ item }: { item: ItemRow }) {
  return (
    <>
      <div role="rowheader" className="rec-cell rec-item-name">
        {/* One line, cut at the end; the whole name is the text and the tooltip, and the button copies the full path. */}
        <code className="rec-item-file" title={item.path ?? item.fileName}>
          {item.fileName ?? `${item.recordingId} (conversation ${item.conversationId})`}
        </code>
        {item.path && <CopyIdButton text={item.path} label={`Copy the path of ${item.fileName ?? item.recordingId}`} />}
      </div>
      <div role="cell" className="rec-cell">
        {wordFor(ITEM_STATE_WORDS, item.state)}
      </div>
      <div role="cell" className="rec-cell rec-num num">
        {item.totalBytes !== undefined && item.bytes < item.totalBytes
          ? `${formatBytes(item.bytes)} of ${formatBytes(item.totalBytes)}`
          : formatBytes(item.bytes)}
      </div>
      <div role="cell" className="rec-cell rec-item-details">
        {item.error ? (
          <p className="rec-problem">
            {item.error.message}
            {item.error.hint && <span className="rec-hint"> What to do: {item.error.hint}</span>}
            {item.error.correlationId && (
              <span className="rec-correlation">
                {' '}
                Correlation id <code>{item.error.correlationId}</code>{' '}
                <CopyButton text={item.error.correlationId} label={`Copy correlation id of ${item.fileName ?? item.recordingId}`} />
              </span>
            )}
          </p>
        ) : item.renamedFrom ? (
          <span className="muted">Saved under a new name: {item.renamedFrom} was there already</span>
        ) : item.state === 'asking' && item.existingPath ? (
          <span className="muted">
            <code>{item.existingPath}</code> exists
          </span>
        ) : null}
      </div>
    </>
  )
}
