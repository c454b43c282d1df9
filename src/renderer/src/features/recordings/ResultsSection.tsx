import { useMemo, useState } from 'react'
import type { RecordingFindView, RecordingRow } from '../../../../shared/contract/recordings'
import { Button } from '../../ui/Button'
import { EmptyState } from '../../ui/EmptyState'
import { formatCount } from '../../ui/format'
import { DownloadForm } from './DownloadForm'
import { LinkDialog } from './LinkDialog'
import { ResultsTable } from './ResultsTable'
import { useRecordingsWorkspace } from './recordingsWorkspace'
import { downloadableKeys, resultItems } from './resultItems'

/** The recordings found, what is selected, and what to do with them. */
export function ResultsSection({ view }: { view: RecordingFindView }) {
  const items = useMemo(() => resultItems(view), [view])
  const downloadable = useMemo(() => downloadableKeys(items), [items])
  const rowsByKey = useMemo(
    () => new Map(items.flatMap((item) => (item.kind === 'recording' ? [[item.id, item.row] as const] : []))),
    [items],
  )
  const selected = useRecordingsWorkspace((s) => s.selected)
  const setSelected = useRecordingsWorkspace((s) => s.setSelected)
  const [downloading, setDownloading] = useState(false)
  const [linkFor, setLinkFor] = useState<RecordingRow | null>(null)
  const running = view.state === 'searching' || view.state === 'listing'
  const chosen = downloadable.filter((key) => selected.has(key))

  if (items.length === 0) {
    if (running) return null
    return (
      <EmptyState title={view.conversationsFound === 0 ? 'No conversations with recordings' : 'No recordings listed'}>
        {view.criteria.kind === 'search'
          ? 'Nothing in this range matches. Widen the dates or clear a filter.'
          : 'None of these conversations has a recording this org can list.'}
      </EmptyState>
    )
  }
  return (
    <section className="card rec-results" aria-label="Recordings found">
      <div className="rec-results-toolbar">
        <span className="num" role="status">
          {formatCount(chosen.length)} of {formatCount(downloadable.length)} downloadable selected
        </span>
        <Button small onClick={() => setSelected(new Set(downloadable))} disabled={downloadable.length === 0}>
          Select all downloadable
        </Button>
        <Button small variant="ghost" onClick={() => setSelected(new Set())} disabled={chosen.length === 0}>
          Clear selection
        </Button>
        <Button
          variant="primary"
          className="rec-download-selected"
          disabled={chosen.length === 0}
          aria-expanded={downloading}
          onClick={() => setDownloading((v) => !v)}
        >
          Download selected…
        </Button>
      </div>
      {downloading && chosen.length > 0 && (
        <DownloadForm
          items={chosen.flatMap((key) => {
            const row = rowsByKey.get(key)
            // The start time puts the time first in the file's name.
            return row
              ? [
                  {
                    conversationId: row.conversationId,
                    recordingId: row.recordingId,
                    ...(row.startTime ? { startTime: row.startTime } : {}),
                  },
                ]
              : []
          })}
          onClose={() => setDownloading(false)}
        />
      )}
      <ResultsTable items={items} downloadable={downloadable} onGetLink={setLinkFor} />
      {linkFor && <LinkDialog recording={linkFor} onClose={() => setLinkFor(null)} />}
    </section>
  )
}
