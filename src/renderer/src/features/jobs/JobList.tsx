import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef } from 'react'
import type { JobView } from '../../../../shared/api'
import { JobRowCells } from './JobRow'
import type { JobAction } from './jobWords'

interface JobListProps {
  jobs: JobView[]
  busyId?: string
  onAction(action: JobAction, id: string): void
}

/** Every shown job; only the rows in view are in the page, so a batch of thousands of uploads stays smooth. */
export function JobList({ jobs, busyId, onAction }: JobListProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: jobs.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 56,
    overscan: 12,
    getItemKey: (index) => jobs[index].id,
  })
  return (
    <div role="table" aria-label="Jobs" aria-rowcount={jobs.length + 1} className="jobs-table">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="jobs-row jobs-head">
          <div role="columnheader" className="jobs-cell">
            Job
          </div>
          <div role="columnheader" className="jobs-cell">
            State
          </div>
          <div role="columnheader" className="jobs-cell">
            Progress
          </div>
          <div role="columnheader" className="jobs-cell">
            <span className="sr-only">Actions</span>
          </div>
        </div>
      </div>
      <div ref={scroller} className="jobs-scroll">
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={`jobs-row jobs-row-${jobs[item.index].state}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
            >
              <JobRowCells job={jobs[item.index]} busy={busyId === jobs[item.index].id} onAction={onAction} />
            </div>
          ))}
        </div>
      </div>
    </div>
  )
}
