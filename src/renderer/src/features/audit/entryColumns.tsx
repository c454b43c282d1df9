import { Fragment, type ReactNode } from 'react'
import type { AuditListedEntry as AuditEntry } from '../../../../shared/contract/audit'
import { DateTime } from '../../ui/DateTime'
import { ArchivedMark } from './ArchivedMark'
import { OutcomeLabel } from './OutcomeLabel'

export interface EntryColumn {
  id: string
  header: string
  /** Width in px before the admin resizes it. */
  size: number
  /** Least width: what keeps the column readable (an action on two lines, a time on two). */
  minSize: number
  /** Left out, highest first, when even the least widths do not fit; 0 always stays. */
  dropOrder: number
  className?: string
  cell(entry: AuditEntry): ReactNode
  title?(entry: AuditEntry): string | undefined
}

/** The column that takes what the others leave. */
export const FLEX_COLUMN = 'target'

/**
 * Line breaks allowed only after the given separators (dots and underscores in an action, slashes in a
 * path), so a value wraps between its words, never inside one.
 */
export function wordBreaks(text: string, after: RegExp = /(?<=[._])/): ReactNode {
  const parts = text.split(after)
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && <wbr />}
    </Fragment>
  ))
}

export const ENTRY_COLUMNS: EntryColumn[] = [
  {
    id: 'time',
    header: 'Time',
    size: 200,
    minSize: 104,
    dropOrder: 0,
    cell: (e) => (
      <>
        <DateTime iso={e.time} seconds />
        {e.archive !== undefined && (
          <>
            {' '}
            <ArchivedMark archive={e.archive} />
          </>
        )}
      </>
    ),
  },
  {
    id: 'action',
    header: 'Action',
    size: 210,
    minSize: 156,
    dropOrder: 0,
    className: 'mono audit-cell-action',
    cell: (e) => wordBreaks(e.action),
    title: (e) => e.action,
  },
  {
    id: 'target',
    header: 'Target',
    size: 130,
    minSize: 96,
    dropOrder: 0,
    cell: (e) => (e.target ? wordBreaks(e.target, /(?<=[/?&])/) : '—'),
    title: (e) => e.target || undefined,
  },
  {
    id: 'outcome',
    header: 'Outcome',
    size: 104,
    minSize: 96,
    dropOrder: 0,
    cell: (e) => <OutcomeLabel outcome={e.outcome} />,
  },
  {
    id: 'latency',
    header: 'Latency',
    size: 76,
    minSize: 68,
    dropOrder: 2,
    className: 'num audit-cell-right',
    cell: (e) => (e.latencyMs === undefined ? '—' : `${Math.round(e.latencyMs)} ms`),
  },
  {
    id: 'place',
    header: 'Profile · org',
    size: 140,
    minSize: 96,
    dropOrder: 1,
    cell: (e) => [e.profile, e.org].filter(Boolean).join(' · ') || '—',
    title: (e) => [e.profile, e.org].filter(Boolean).join(' · ') || undefined,
  },
  {
    id: 'correlation',
    header: 'Correlation id',
    size: 124,
    minSize: 96,
    dropOrder: 3,
    className: 'mono',
    cell: (e) => e.correlationId ?? '—',
    title: (e) => e.correlationId,
  },
]

export const MAX_COLUMN_SIZE = 640
