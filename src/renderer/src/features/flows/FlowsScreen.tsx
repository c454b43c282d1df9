import { ScreenHeader } from '../../ui/ScreenHeader'
import { Tabs, type TabItem } from '../../ui/Tabs'
import { FlowsTab } from './FlowsTab'
import { RemoteTab } from './RemoteTab'
import { VerifyTab } from './VerifyTab'
import { useFlowsWorkspace, type FlowsTab as FlowsTabId } from './flowsWorkspace'
import { useFlowUpdates } from './useFlows'
import './flows.css'

const TABS: TabItem<FlowsTabId>[] = [
  { id: 'flows', label: 'Flows and versions' },
  { id: 'verify', label: 'Verify an archive' },
  { id: 'remote', label: 'Remote archive' },
]

/** Browse Architect flows and their versions, archive them to a folder, verify, compare, export. */
export function FlowsScreen() {
  useFlowUpdates()
  const tab = useFlowsWorkspace((s) => s.tab)
  const setTab = useFlowsWorkspace((s) => s.setTab)
  return (
    <div className="flows-screen">
      <ScreenHeader title="Flow archive">
        <p>
          Architect flows hold the org’s routing logic, and each change is a version. Browse them, archive versions to a folder (each
          configuration named by its SHA-256, with a manifest per flow), verify an archive, compare two versions, and export flows as YAML
          or Architect files.
        </p>
      </ScreenHeader>
      <Tabs label="Flow archive views" idPrefix="flows" tabs={TABS} selected={tab} onSelect={setTab} panelClassName="flows-panel">
        {tab === 'flows' ? <FlowsTab /> : tab === 'verify' ? <VerifyTab /> : <RemoteTab />}
      </Tabs>
    </div>
  )
}
