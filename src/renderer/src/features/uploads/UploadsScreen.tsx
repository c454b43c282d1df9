import type { ComponentType } from 'react'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { Tabs, type TabItem } from '../../ui/Tabs'
import { CallRecordingsTab } from './CallRecordingsTab'
import { useUploadsWorkspace, type UploadsTab } from './uploadsWorkspace'
import { useUploadUpdates } from './useUploads'
import './uploads.css'

const TABS: TabItem<UploadsTab>[] = [
  { id: 'recordings', label: 'Call recordings' },
  { id: 'prompts', label: 'Prompts' },
]

interface UploadsScreenProps {
  /** The Prompts tab: its own feature, handed in by the screen registry (features do not import each other). */
  PromptsTab: ComponentType
}

/** Files dragged in and sent to the org: call recordings, and Architect prompts. */
export function UploadsScreen({ PromptsTab }: UploadsScreenProps) {
  // Rows keep changing while the other tab is shown.
  useUploadUpdates()
  const tab = useUploadsWorkspace((s) => s.tab)
  const setTab = useUploadsWorkspace((s) => s.setTab)
  return (
    <div className="uploads-screen">
      <ScreenHeader title="Uploads">
        <p>Drag recordings in and send them to the active org, checked by their content first, followed to the end, and audited.</p>
      </ScreenHeader>
      <Tabs label="Upload kinds" idPrefix="uploads" tabs={TABS} selected={tab} onSelect={setTab} panelClassName="uploads-panel">
        {tab === 'recordings' ? <CallRecordingsTab /> : <PromptsTab />}
      </Tabs>
    </div>
  )
}
