import type { UploadView } from '../../../../shared/contract/uploads'
import { VirtualTable } from '../../ui/VirtualTable'
import { UploadRowCells } from './UploadRow'

interface UploadListProps {
  rows: UploadView[]
  onCancel(id: string): void
  onRetry(id: string): void
}

const CLASS_NAMES = {
  table: 'upload-table',
  headGroup: 'upload-head',
  headRow: 'upload-row',
  scroll: 'upload-scroll',
  row: (row: UploadView) => `upload-row upload-row-${row.state}`,
}

/** Every row of the shown batch; only the rows in view are in the page, so thousands stay smooth. */
export function UploadList({ rows, onCancel, onRetry }: UploadListProps) {
  return (
    <VirtualTable
      label="Uploads"
      items={rows}
      estimatedRowHeight={48}
      classNames={CLASS_NAMES}
      columns={
        <>
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
        </>
      }
      renderCells={(row) => <UploadRowCells row={row} onCancel={onCancel} onRetry={onRetry} />}
    />
  )
}
