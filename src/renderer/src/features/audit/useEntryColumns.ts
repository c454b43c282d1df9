import { columnResizingFeature, columnSizingFeature, tableFeatures, useTable, type ColumnDef } from '@tanstack/react-table'
import { useEffect, useLayoutEffect, useState, type RefObject } from 'react'
import type { AuditEntry } from '../../../../shared/api'
import { loadColumnWidths, saveColumnWidths } from './columnWidthStore'
import { ENTRY_COLUMNS, FLEX_COLUMN, MAX_COLUMN_SIZE, type EntryColumn } from './entryColumns'
import { fitColumns } from './fitColumns'

const features = tableFeatures({ columnSizingFeature, columnResizingFeature })

const COLUMN_DEFS: ColumnDef<typeof features, AuditEntry>[] = ENTRY_COLUMNS.map((c) => ({
  id: c.id,
  header: c.header,
  size: c.size,
  minSize: c.minSize,
  maxSize: MAX_COLUMN_SIZE,
}))

/** The table's rows are read on demand from the core: the column model needs none of them. */
const NO_ROWS: AuditEntry[] = []

export interface EntryHeader {
  column: EntryColumn
  /** The width the admin chose (or the first one); what the keys change. */
  size: number
  maxSize: number
  resizing: boolean
  startDrag: (event: unknown) => void
  setSize: (width: number) => void
  reset: () => void
}

export interface EntryColumns {
  shown: EntryColumn[]
  /** Left out for room, in the order they went. */
  hidden: EntryColumn[]
  headers: EntryHeader[]
  /** CSS grid-template-columns for every row, header included. */
  template: string
  rowWidth: number | undefined
}

/**
 * The entry columns: resizable (TanStack Table's column sizing, the widths kept per user) and fitted
 * to the width the table has, which the body's element reports as it changes (window, details pane).
 */
export function useEntryColumns(bodyRef: RefObject<HTMLElement | null>): EntryColumns {
  const table = useTable(
    {
      features,
      columns: COLUMN_DEFS,
      data: NO_ROWS,
      initialState: { columnSizing: loadColumnWidths() },
      columnResizeMode: 'onChange',
      enableColumnResizing: true,
    },
    (state) => ({ columnSizing: state.columnSizing, columnResizing: state.columnResizing }),
  )
  const { columnSizing, columnResizing } = table.state
  const resizingId = columnResizing.isResizingColumn

  useEffect(() => {
    if (!resizingId) saveColumnWidths(columnSizing)
  }, [columnSizing, resizingId])

  const available = useAvailableWidth(bodyRef)
  const headers = table.getHeaderGroups()[0]?.headers ?? []
  const sizes = headers.map((h) => h.getSize())
  const fitted = fitColumns(
    ENTRY_COLUMNS.map((c, i) => ({ id: c.id, size: sizes[i] ?? c.size, minSize: c.minSize, dropOrder: c.dropOrder })),
    available,
    FLEX_COLUMN,
  )
  const shown = fitted.widths.map((w) => ENTRY_COLUMNS.find((c) => c.id === w.id)!)
  return {
    shown,
    hidden: fitted.hidden.map((id) => ENTRY_COLUMNS.find((c) => c.id === id)!),
    template: fitted.widths.map((w) => `${w.width}px`).join(' '),
    rowWidth: available > 0 ? fitted.widths.reduce((t, w) => t + w.width, 0) : undefined,
    headers: shown.map((column) => {
      const header = headers.find((h) => h.column.id === column.id)!
      return {
        column,
        size: header.getSize(),
        maxSize: MAX_COLUMN_SIZE,
        resizing: resizingId === column.id,
        startDrag: header.getResizeHandler(),
        setSize: (width: number) => table.setColumnSizing((old) => ({ ...old, [column.id]: width })),
        reset: () => header.column.resetSize(),
      }
    }),
  }
}

/** The element's inner width (without its scrollbar), kept up to date. */
function useAvailableWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const measure = () => setWidth(el.clientWidth)
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return width
}
