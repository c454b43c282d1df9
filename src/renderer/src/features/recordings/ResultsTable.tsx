import { useEffect, useMemo, useRef } from 'react'
import type { RecordingRow } from '../../../../shared/contract/recordings'
import { VirtualTable } from '../../ui/VirtualTable'
import { ResultRowCells } from './ResultRow'
import { useRecordingsWorkspace } from './recordingsWorkspace'
import { anySize, type ResultItem } from './resultItems'

interface ResultsTableProps {
  items: ResultItem[]
  downloadable: string[]
  onGetLink: (row: RecordingRow) => void
}

const CLASS_NAMES = {
  headGroup: 'rec-head',
  headRow: 'rec-row',
  scroll: 'rec-scroll',
  row: (item: ResultItem) => (item.kind === 'recording' ? 'rec-row' : 'rec-row rec-row-failed'),
}

/** Every recording found, by conversation; only the rows in view are in the page, so thousands stay smooth. */
export function ResultsTable({ items, downloadable, onGetLink }: ResultsTableProps) {
  const selected = useRecordingsWorkspace((s) => s.selected)
  const setSelected = useRecordingsWorkspace((s) => s.setSelected)
  const chosen = downloadable.reduce((n, key) => n + (selected.has(key) ? 1 : 0), 0)
  const all = downloadable.length > 0 && chosen === downloadable.length
  const showSize = useMemo(() => anySize(items), [items])
  const selectAll = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = chosen > 0 && !all
  }, [chosen, all])

  return (
    <VirtualTable
      label="Recordings"
      items={items}
      estimatedRowHeight={52}
      classNames={{ ...CLASS_NAMES, table: showSize ? 'rec-table rec-table-sized' : 'rec-table' }}
      columns={
        <>
          <div role="columnheader" className="rec-cell rec-select">
            <input
              ref={selectAll}
              type="checkbox"
              aria-label="Select all downloadable recordings"
              checked={all}
              disabled={downloadable.length === 0}
              onChange={(e) => setSelected(new Set(e.target.checked ? downloadable : []))}
            />
          </div>
          <div role="columnheader" className="rec-cell">
            Conversation
          </div>
          <div role="columnheader" className="rec-cell">
            Start
          </div>
          <div role="columnheader" className="rec-cell">
            Queue
          </div>
          <div role="columnheader" className="rec-cell">
            Type
          </div>
          <div role="columnheader" className="rec-cell rec-num">
            Length
          </div>
          <div role="columnheader" className="rec-cell">
            File state
          </div>
          {showSize && (
            <div role="columnheader" className="rec-cell rec-num">
              Size
            </div>
          )}
          <div role="columnheader" className="rec-cell">
            Actions
          </div>
        </>
      }
      renderCells={(item) => <ResultRowCells item={item} showSize={showSize} onGetLink={onGetLink} />}
    />
  )
}
