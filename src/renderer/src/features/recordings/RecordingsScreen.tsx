import { useRef, type KeyboardEvent } from 'react'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { BulkJobsPanel } from './BulkJobsPanel'
import { FindTab } from './FindTab'
import { useRecordingsWorkspace, type RecordingsTab } from './recordingsWorkspace'
import { useRecordingUpdates } from './useRecordings'
import './recordings.css'

const TABS: { id: RecordingsTab; label: string }[] = [
  { id: 'find', label: 'Find and download' },
  { id: 'bulk', label: 'Bulk jobs' },
]

/** Find calls, get download links, save recordings and transcripts, hand big exports to Genesys. */
export function RecordingsScreen() {
  useRecordingUpdates()
  const tab = useRecordingsWorkspace((s) => s.tab)
  const setTab = useRecordingsWorkspace((s) => s.setTab)
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({})

  const onTabKey = (event: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab)
    const last = TABS.length - 1
    const keys: Record<string, number> = { ArrowRight: i === last ? 0 : i + 1, ArrowLeft: i === 0 ? last : i - 1, Home: 0, End: last }
    const next = keys[event.key]
    if (next === undefined) return
    event.preventDefault()
    setTab(TABS[next].id)
    tabRefs.current[TABS[next].id]?.focus()
  }

  return (
    <div className="recordings-screen">
      <ScreenHeader title="Recordings">
        <p>
          Find calls by date range or by conversation id, get download links, save recordings and transcripts to a folder, and hand big
          exports to Genesys as bulk jobs. Links are shown here only: the audit log keeps where they point, never the link itself.
        </p>
      </ScreenHeader>
      {/* WAI-ARIA tabs: focus sits on the tabs (roving tabindex); the tablist only catches their arrow keys. */}
      {/* eslint-disable-next-line jsx-a11y/interactive-supports-focus */}
      <div role="tablist" aria-label="Recordings views" className="rec-tabs" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[t.id] = el
            }}
            type="button"
            role="tab"
            id={`rec-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`rec-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="rec-tab"
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`rec-panel-${tab}`} aria-labelledby={`rec-tab-${tab}`} className="rec-panel">
        {tab === 'find' ? <FindTab /> : <BulkJobsPanel />}
      </div>
    </div>
  )
}
