import { useCallback, useEffect, useRef, useState } from 'react'
import type { AuditFilter, AuditListedEntry as AuditEntry, AuditPage } from '../../../../shared/contract/audit'
import { AppError } from '../../../../shared/errors'
import { api } from '../../api'
import { filterKey } from './auditWorkspace'

/** Rows asked for at once; the core reads a page with a few positioned reads. */
const PAGE = 100
/** Loaded rows kept around the viewport; the rest are dropped and re-read if scrolled back to. */
const KEEP_ROWS = 3000

export interface EntryWindow {
  /** Matching entries up to headSeq; -1 until the first page arrived; while counting, those found so far. */
  total: number
  /** The first page is shown and the core is still counting the rest. */
  counting: boolean
  headSeq: number
  row(index: number): AuditEntry | undefined
  /** Loads the rows in [start, end] that are missing. */
  ensure(start: number, end: number): void
  /**
   * Takes in entries appended since headSeq; resolves with how many matching rows were added at the
   * top, so the table can keep what is on screen where it is.
   */
  refreshHead(): Promise<number>
  error: unknown
  loading: boolean
  /** Index of a loaded row with this seq, if any. */
  indexOfSeq(seq: number): number | undefined
}

interface State {
  key: string
  total: number
  counting: boolean
  headSeq: number
  rows: Map<number, AuditEntry>
}

/**
 * A newest-first window onto the filtered log: rows by index, read on demand in pages that all use the
 * same untilSeq, so indexes stay put while entries are appended. New entries come in through
 * refreshHead(), which shifts the loaded rows down by the number that arrived.
 */
export function useEntryWindow(filter: AuditFilter): EntryWindow {
  const key = filterKey(filter)
  const state = useRef<State>({ key, total: -1, counting: false, headSeq: 0, rows: new Map() })
  const inflight = useRef(new Set<number>())
  const [, setVersion] = useState(0)
  const [error, setError] = useState<unknown>(undefined)
  const [loading, setLoading] = useState(true)
  const bump = useCallback(() => setVersion((v) => v + 1), [])
  const filterRef = useRef(filter)
  filterRef.current = filter

  useEffect(() => {
    let live = true
    state.current = { key, total: -1, counting: false, headSeq: 0, rows: new Map() }
    inflight.current.clear()
    setLoading(true)
    setError(undefined)
    bump()
    api
      .call('audit.query', { filter: filterRef.current, offset: 0, limit: PAGE })
      .then((page) => {
        if (!live) return
        const counting = page.totalPending === true
        state.current = { key, total: page.total, counting, headSeq: page.headSeq, rows: new Map(page.entries.map((e, i) => [i, e])) }
        setLoading(false)
        bump()
        if (!counting) return
        // The total follows while the admin reads; a new filter's query cancels this count in the core.
        api
          .call('audit.count', { filter: filterRef.current, untilSeq: page.headSeq })
          .then(({ total }) => {
            const now = state.current
            if (!live || now.key !== key || now.headSeq !== page.headSeq) return
            state.current = { ...now, total, counting: false }
            bump()
          })
          .catch((e: unknown) => {
            if (live && !isCancelled(e)) setError(e)
          })
      })
      .catch((e: unknown) => {
        if (!live) return
        setError(e)
        setLoading(false)
      })
    return () => {
      live = false
    }
  }, [key, bump])

  const ensure = useCallback(
    (start: number, end: number) => {
      const s = state.current
      if (s.total <= 0) return
      const last = Math.min(end, s.total - 1)
      let first = Math.max(0, start)
      while (first <= last && (s.rows.has(first) || inflight.current.has(Math.floor(first / PAGE)))) first += 1
      if (first > last) return
      const pageIndex = Math.floor(first / PAGE)
      inflight.current.add(pageIndex)
      const { headSeq } = s
      api
        .call('audit.query', { filter: filterRef.current, offset: pageIndex * PAGE, limit: PAGE, untilSeq: headSeq })
        .then((page) => {
          const now = state.current
          if (now.key !== s.key || now.headSeq !== headSeq) {
            inflight.current.delete(pageIndex)
            return
          }
          page.entries.forEach((entry, i) => now.rows.set(pageIndex * PAGE + i, entry))
          trim(now.rows, pageIndex * PAGE)
          inflight.current.delete(pageIndex)
          bump()
          // The range may span the next page too.
          ensure(start, end)
        })
        .catch((e: unknown) => {
          inflight.current.delete(pageIndex)
          setError(e)
        })
    },
    [bump],
  )

  const refreshHead = useCallback(async (): Promise<number> => {
    const s = state.current
    if (s.total < 0 || s.counting) return 0
    const page = await totalPage(await api.call('audit.query', { filter: filterRef.current, offset: 0, limit: PAGE }), filterRef.current)
    const now = state.current
    if (now.key !== s.key || page.headSeq <= now.headSeq) return 0
    const added = Math.max(0, page.total - now.total)
    const rows = new Map<number, AuditEntry>()
    for (const [i, entry] of now.rows) rows.set(i + added, entry)
    page.entries.forEach((entry, i) => rows.set(i, entry))
    // Pages still in flight were asked with the old untilSeq: their answers are ignored, so ask again.
    inflight.current.clear()
    state.current = { key: now.key, total: page.total, counting: false, headSeq: page.headSeq, rows }
    bump()
    return added
  }, [bump])

  const indexOfSeq = useCallback((seq: number) => {
    for (const [i, entry] of state.current.rows) if (entry.seq === seq) return i
    return undefined
  }, [])

  const s = state.current
  return {
    total: s.key === key ? s.total : -1,
    counting: s.key === key && s.counting,
    headSeq: s.headSeq,
    row: (index) => s.rows.get(index),
    ensure,
    refreshHead,
    error,
    loading,
    indexOfSeq,
  }
}

/** A page with its total: counted when the core answered with the first page before the count. */
async function totalPage(page: AuditPage, filter: AuditFilter): Promise<AuditPage> {
  if (!page.totalPending) return page
  const { total } = await api.call('audit.count', { filter, untilSeq: page.headSeq })
  return { ...page, total, totalPending: false }
}

function isCancelled(error: unknown): boolean {
  return error instanceof AppError && error.code === 'cancelled'
}

/** Drops rows far from `around` once too many are loaded. */
function trim(rows: Map<number, AuditEntry>, around: number): void {
  if (rows.size <= KEEP_ROWS) return
  for (const index of [...rows.keys()]) if (Math.abs(index - around) > KEEP_ROWS / 2) rows.delete(index)
}
