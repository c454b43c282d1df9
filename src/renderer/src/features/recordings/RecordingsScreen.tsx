import { ScreenHeader } from '../../ui/ScreenHeader'
import { Tabs, type TabItem } from '../../ui/Tabs'
import { BulkJobsPanel } from './BulkJobsPanel'
import { FindTab } from './FindTab'
import { useRecordingsWorkspace, type RecordingsTab } from './recordingsWorkspace'
import { useRecordingUpdates } from './useRecordings'
import './recordings.css'

const TABS: TabItem<RecordingsTab>[] = [
  { id: 'find', label: 'Find and download' },
  { id: 'bulk', label: 'Bulk jobs' },
]

/** Find calls, get download links, save recordings and transcripts, hand big exports to Genesys. */
export function RecordingsScreen() {
  useRecordingUpdates()
  const tab = useRecordingsWorkspace((s) => s.tab)
  const setTab = useRecordingsWorkspace((s) => s.setTab)

  return (
    <div className="recordings-screen">
      <ScreenHeader title="Recordings">
        <p>
          Find calls by date range or by conversation id, get download links, save recordings and transcripts to a folder, and hand big
          exports to Genesys as bulk jobs. Links are shown here only: the audit log keeps where they point, never the link itself.
        </p>
      </ScreenHeader>
      <Tabs label="Recordings views" idPrefix="rec" tabs={TABS} selected={tab} onSelect={setTab}>
        {tab === 'find' ? <FindTab /> : <BulkJobsPanel />}
      </Tabs>
    </div>
  )
}
