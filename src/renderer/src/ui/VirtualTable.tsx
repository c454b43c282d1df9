import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef, type ReactNode } from 'react'

interface VirtualTableProps<T extends { id: string }> {
  label: string
  items: T[]
  /** First guess of a row's height; rows are measured once shown. */
  estimatedRowHeight: number
  /** The column headers (role="columnheader" cells). */
  columns: ReactNode
  classNames: { table: string; headGroup?: string; headRow: string; scroll: string; row: (item: T) => string }
  renderCells(item: T): ReactNode
}

/** An ARIA table whose body holds only the rows in view, so lists of thousands stay smooth. */
export function VirtualTable<T extends { id: string }>({
  label,
  items,
  estimatedRowHeight,
  columns,
  classNames,
  renderCells,
}: VirtualTableProps<T>) {
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimatedRowHeight,
    overscan: 12,
    getItemKey: (index) => items[index].id,
  })
  return (
    <div role="table" aria-label={label} aria-rowcount={items.length + 1} className={classNames.table}>
      <div role="rowgroup" className={classNames.headGroup}>
        <div role="row" aria-rowindex={1} className={classNames.headRow}>
          {columns}
        </div>
      </div>
      <div ref={scroller} className={classNames.scroll}>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={classNames.row(items[item.index])}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
            >
              {renderCells(items[item.index])}
            </div>
          ))}
        </div>
      </div>
    </div>
  )
}
