import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { AuditEntry } from '../../../../shared/api'
import { useApiEvent } from '../../hooks/useApiEvent'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { EmptyState } from '../../ui/EmptyState'
import { useAuditWorkspace } from './auditWorkspace'
import { count, shortTime } from './auditWords'
import { OutcomeLabel } from './OutcomeLabel'
import type { EntryWindow } from './useEntryWindow'

export const ROW_HEIGHT = 34
const COLUMNS = ['Time', 'Profile · org', 'Action', 'Target', 'Outcome', 'Latency', 'Correlation id']
/** New entries are taken in at most this often, however fast they arrive. */
const LIVE_INTERVAL_MS = 400

interface EntryTableProps {
  entries: EntryWindow
  filtering: boolean
  /** Enter on a row: move to the details pane. */
  onOpen: () => void
}

/**
 * The log, newest first, as an ARIA grid with virtualized rows. One row is in the tab order (roving
 * tabindex); arrows, Page Up/Down, Home and End move the selection, Enter opens the details. New
 * entries are taken in live; when the admin has scrolled away from the top, the scroll position moves
 * with them so the rows on screen stay where they are. Keyed by the filter: a new filter starts at the top.
 */
export function EntryTable({ entries, filtering, onOpen }: EntryTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
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
    }
  }

  if (entries.error && entries.total < 0) return <ErrorPanel error={entries.error} title="Could not read the audit log" />

  return (
    <div className="audit-grid-wrap">
      <p className="audit-count muted" aria-live="polite">
        {entries.total < 0
          ? 'Reading the log…'
          : `${count(total)} ${filtering ? 'matching ' : ''}${total === 1 ? 'entry' : 'entries'}, newest first`}
      </p>
      {/* WAI-ARIA grid: focus sits on the rows (roving tabindex); the grid only catches their keys. */}
      {/* eslint-disable-next-line jsx-a11y/interactive-supports-focus */}
      <div
        role="grid"
        aria-label="Audit log entries"
        aria-rowcount={total + 1}
        aria-colcount={COLUMNS.length}
        className="audit-grid"
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className="audit-grid-head">
          <div role="row" aria-rowindex={1} className="audit-row">
            {COLUMNS.map((c) => (
              <div role="columnheader" key={c} className="audit-cell">
                {c}
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
                onClick={() => {
                  setActive(item.index)
                  const entry = entries.row(item.index)
                  if (entry) select(entry)
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
}

interface EntryRowProps {
  index: number
  top: number
  entry?: AuditEntry
  selected: boolean
  tabbable: boolean
  onClick: () => void
}

function EntryRow({ index, top, entry, selected, tabbable, onClick }: EntryRowProps) {
  const style = { transform: `translateY(${top}px)`, height: ROW_HEIGHT }
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
        <div role="gridcell" className="audit-cell muted" aria-colspan={COLUMNS.length}>
          Loading…
        </div>
      </div>
    )
  }
  const place = [entry.profile, entry.org].filter(Boolean).join(' · ')
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
      <div role="gridcell" className="audit-cell num" title={entry.time}>
        {shortTime(entry.time)}
      </div>
      <div role="gridcell" className="audit-cell" title={place}>
        {place || '—'}
      </div>
      <div role="gridcell" className="audit-cell mono" title={entry.action}>
        {entry.action}
      </div>
      <div role="gridcell" className="audit-cell" title={entry.target}>
        {entry.target || '—'}
      </div>
      <div role="gridcell" className="audit-cell">
        <OutcomeLabel outcome={entry.outcome} />
      </div>
      <div role="gridcell" className="audit-cell num audit-cell-right">
        {entry.latencyMs === undefined ? '—' : `${Math.round(entry.latencyMs)} ms`}
      </div>
      <div role="gridcell" className="audit-cell mono" title={entry.correlationId}>
        {entry.correlationId ?? '—'}
      </div>
    </div>
  )
}
