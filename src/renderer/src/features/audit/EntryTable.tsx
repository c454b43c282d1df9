import { useVirtualizer } from '@tanstack/react-virtual'
import {
  forwardRef,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
} from 'react'
import type { AuditListedEntry as AuditEntry } from '../../../../shared/contract/audit'
import { useApiEvent } from '../../hooks/useApiEvent'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { EmptyState } from '../../ui/EmptyState'
import { useAuditWorkspace } from './auditWorkspace'
import { count } from './auditWords'
import { ColumnResizeHandle } from './ColumnResizeHandle'
import type { EntryColumn } from './entryColumns'
import { useEntryColumns } from './useEntryColumns'
import type { EntryWindow } from './useEntryWindow'

/** Room for two lines: a long action wraps at its dots instead of being cut. */
export const ROW_HEIGHT = 42
/** New entries are taken in at most this often, however fast they arrive. */
const LIVE_INTERVAL_MS = 400

interface EntryTableProps {
  entries: EntryWindow
  filtering: boolean
  /** Enter on a row: move to the details pane. */
  onOpen: () => void
  /** Escape on a row: close the details pane. */
  onClose: () => void
  /** A click on a row: show it in the details pane. */
  onRowClick: () => void
}

export interface EntryTableHandle {
  /** Puts the focus back on the active row (scrolling it into view), e.g. when the details pane closes. */
  focusActiveRow(): void
}

/**
 * The log, newest first, as an ARIA grid with virtualized rows. One row is in the tab order (roving
 * tabindex); arrows, Page Up/Down, Home and End move the selection, Enter opens the details. New
 * entries are taken in live; when the admin has scrolled away from the top, the scroll position moves
 * with them so the rows on screen stay where they are. Keyed by the filter: a new filter starts at the top.
 */
export const EntryTable = forwardRef<EntryTableHandle, EntryTableProps>(function EntryTable(
  { entries, filtering, onOpen, onClose, onRowClick },
  ref,
) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const columns = useEntryColumns(scrollRef)
  const [, setFocusRequest] = useState(0)
  const selectedSeq = useAuditWorkspace((s) => s.selected?.seq)
  const select = useAuditWorkspace((s) => s.select)
  const [active, setActive] = useState(0)
  const focusPending = useRef(false)
  const total = Math.max(0, entries.total)

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Keyed by entry, so a focused row stays on its entry when new ones push it down.
    getItemKey: (index) => entries.row(index)?.seq ?? `row-${index}`,
    overscan: 12,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0

  useEffect(() => {
    if (total > 0) entries.ensure(first, last)
  }, [entries, first, last, total])

  // The selection follows the active row once it is loaded.
  const activeEntry = entries.row(active)
  useEffect(() => {
    if (activeEntry && focusPending.current) select(activeEntry)
  }, [activeEntry, select])

  const shiftBy = useRef(0)
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useApiEvent('audit.appended', () => {
    if (pending.current) return
    pending.current = setTimeout(() => {
      void entries
        .refreshHead()
        .then((added) => {
          if (added > 0) {
            shiftBy.current += added
            setActive((a) => a + added)
          }
        })
        .catch(() => undefined)
        .finally(() => (pending.current = undefined))
    }, LIVE_INTERVAL_MS)
  })
  useEffect(() => () => clearTimeout(pending.current), [])

  // Before paint: rows were added above, so move the scroll position down by as much.
  useLayoutEffect(() => {
    const added = shiftBy.current
    shiftBy.current = 0
    const el = scrollRef.current
    if (added > 0 && el && el.scrollTop > 0) el.scrollTop += added * ROW_HEIGHT
  })

  useEffect(() => {
    if (!focusPending.current) return
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)
    if (row) {
      row.focus({ preventScroll: true })
      focusPending.current = false
    }
  })

  useImperativeHandle(ref, () => ({
    focusActiveRow: () => {
      focusPending.current = true
      virtualizer.scrollToIndex(active, { align: 'auto' })
      setFocusRequest((n) => n + 1)
    },
  }))

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index))
    focusPending.current = true
    setActive(next)
    virtualizer.scrollToIndex(next, { align: 'auto' })
    const entry = entries.row(next)
    if (entry) select(entry)
  }

  const visibleRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1)
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys from the column headers' resize handles are theirs.
    if ((event.target as HTMLElement).getAttribute('role') !== 'row') return
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + visibleRows,
      PageUp: active - visibleRows,
      Home: 0,
      End: total - 1,
    }
    if (event.key in moves) {
      event.preventDefault()
      moveTo(moves[event.key])
    } else if (event.key === 'Enter' && activeEntry) {
      event.preventDefault()
      select(activeEntry)
      onOpen()
    } else if (event.key === 'Escape') {
      onClose()
    }
  }
  const rowStyle: CSSProperties = { gridTemplateColumns: columns.template, width: columns.rowWidth }

  if (entries.error && entries.total < 0) return <ErrorPanel error={entries.error} title="Could not read the audit log" />

  return (
    <div className="audit-grid-wrap">
      <div className="audit-count-line">
        <p className="audit-count muted" aria-live="polite">
          {entries.total < 0
            ? 'Reading the log…'
            : entries.counting
              ? `${count(total)}+ matching entries so far, newest first · counting…`
              : `${count(total)} ${filtering ? 'matching ' : ''}${total === 1 ? 'entry' : 'entries'}, newest first`}
        </p>
        {columns.hidden.length > 0 && (
          <p className="audit-hidden-columns muted">
            Hidden for room (shown in the details): {columns.hidden.map((c) => c.header).join(', ')}
          </p>
        )}
      </div>
      {/* WAI-ARIA grid: focus sits on the rows (roving tabindex); the grid only catches their keys. */}
      {/* eslint-disable-next-line jsx-a11y/interactive-supports-focus */}
      <div
        role="grid"
        aria-label="Audit log entries"
        aria-rowcount={total + 1}
        aria-colcount={columns.shown.length}
        className="audit-grid"
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className="audit-grid-head">
          <div role="row" aria-rowindex={1} className="audit-row" style={rowStyle}>
            {columns.headers.map((h) => (
              <div role="columnheader" key={h.column.id} className="audit-cell audit-head-cell" data-column={h.column.id}>
                <span className="audit-head-label">{h.column.header}</span>
                <ColumnResizeHandle
                  label={`Width of the ${h.column.header} column`}
                  width={h.size}
                  minWidth={h.column.minSize}
                  maxWidth={h.maxSize}
                  resizing={h.resizing}
                  onPointerStart={h.startDrag}
                  onResize={h.setSize}
                  onReset={h.reset}
                />
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" ref={scrollRef} className="audit-grid-body">
          <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => (
              <EntryRow
                key={item.key}
                index={item.index}
                top={item.start}
                entry={entries.row(item.index)}
                selected={entries.row(item.index)?.seq === selectedSeq && selectedSeq !== undefined}
                tabbable={item.index === active}
                columns={columns.shown}
                rowStyle={rowStyle}
                onClick={() => {
                  setActive(item.index)
                  const entry = entries.row(item.index)
                  if (entry) {
                    select(entry)
                    onRowClick()
                  }
                }}
              />
            ))}
          </div>
        </div>
      </div>
      {entries.total === 0 && (
        <EmptyState title={filtering ? 'No entries match these filters.' : 'The audit log is empty.'}>
          {filtering ? 'Change or clear the filters to see more.' : 'Every API call and workflow step will be listed here as it happens.'}
        </EmptyState>
      )}
      {entries.error != null && entries.total >= 0 && <ErrorPanel error={entries.error} title="Could not read part of the audit log" />}
    </div>
  )
})

interface EntryRowProps {
  index: number
  top: number
  entry?: AuditEntry
  selected: boolean
  tabbable: boolean
  columns: EntryColumn[]
  rowStyle: CSSProperties
  onClick: () => void
}

function EntryRow({ index, top, entry, selected, tabbable, columns, rowStyle, onClick }: EntryRowProps) {
  const style = { ...rowStyle, transform: `translateY(${top}px)`, height: ROW_HEIGHT }
  if (!entry) {
    return (
      <div
        role="row"
        aria-rowindex={index + 2}
        data-index={index}
        tabIndex={tabbable ? 0 : -1}
        className="audit-row audit-row-loading"
        style={style}
      >
        <div role="gridcell" className="audit-cell muted" aria-colspan={columns.length}>
          Loading…
        </div>
      </div>
    )
  }
  return (
    // The keyboard selects rows through the grid's own key handler (arrows, Enter), not one per row.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-index={index}
      tabIndex={tabbable ? 0 : -1}
      className={`audit-row${selected ? ' is-selected' : ''}`}
      style={style}
      onClick={onClick}
    >
      {columns.map((column) => (
        <div
          role="gridcell"
          key={column.id}
          data-column={column.id}
          className={`audit-cell ${column.className ?? ''}`}
          title={column.title?.(entry)}
        >
          <span className="audit-cell-text">{column.cell(entry)}</span>
        </div>
      ))}
    </div>
  )
}
