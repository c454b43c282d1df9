import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef } from 'react'
import type { UploadView } from '../../../../shared/contract/uploads'
import { UploadRowCells } from './UploadRow'

interface UploadListProps {
  rows: UploadView[]
  onCancel(id: string): void
  onRetry(id: string): void
}

/** Every row of the shown batch; only the rows in view are in the page, so thousands stay smooth. */
export function UploadList({ rows, onCancel, onRetry }: UploadListProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 48,
    overscan: 12,
    getItemKey: (index) => rows[index].id,
  })
  return (
    <div role="table" aria-label="Uploads" aria-rowcount={rows.length + 1} className="upload-table">
      <div role="rowgroup" className="upload-head">
        <div role="row" aria-rowindex={1} className="upload-row">
          <div role="columnheader" className="upload-cell">
            File
          </div>
          <div role="columnheader" className="upload-cell">
            Size
          </div>
          <div role="columnheader" className="upload-cell">
            Type
          </div>
          <div role="columnheader" className="upload-cell">
            State
          </div>
          <div role="columnheader" className="upload-cell">
            Progress
          </div>
          <div role="columnheader" className="upload-cell">
            <span className="sr-only">Actions</span>
          </div>
          <div role="columnheader" className="upload-cell upload-details">
            <span className="sr-only">Details</span>
          </div>
        </div>
      </div>
      <div ref={scroller} className="upload-scroll">
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={`upload-row upload-row-${rows[item.index].state}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
            >
              <UploadRowCells row={rows[item.index]} onCancel={onCancel} onRetry={onRetry} />
            </div>
          ))}
        </div>
      </div>
    </div>
  )
}
