import { useRef, type KeyboardEvent } from 'react'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { FlowsTab } from './FlowsTab'
import { RemoteTab } from './RemoteTab'
import { VerifyTab } from './VerifyTab'
import { useFlowsWorkspace, type FlowsTab as FlowsTabId } from './flowsWorkspace'
import { useFlowUpdates } from './useFlows'
import './flows.css'

const TABS: { id: FlowsTabId; label: string }[] = [
  { id: 'flows', label: 'Flows and versions' },
  { id: 'verify', label: 'Verify an archive' },
  { id: 'remote', label: 'Remote archive' },
]

/** Browse Architect flows and their versions, archive them to a folder, verify, compare, export. */
export function FlowsScreen() {
  useFlowUpdates()
  const tab = useFlowsWorkspace((s) => s.tab)
  const setTab = useFlowsWorkspace((s) => s.setTab)
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
    <div className="flows-screen">
      <ScreenHeader title="Flow archive">
        <p>
          Architect flows hold the org’s routing logic, and each change is a version. Browse them, archive versions to a folder (each
          configuration named by its SHA-256, with a manifest per flow), verify an archive, compare two versions, and export flows as YAML
          or Architect files.
        </p>
      </ScreenHeader>
      {/* WAI-ARIA tabs: focus sits on the tabs (roving tabindex); the tablist only catches their arrow keys. */}
      {/* eslint-disable-next-line jsx-a11y/interactive-supports-focus */}
      <div role="tablist" aria-label="Flow archive views" className="flows-tabs" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[t.id] = el
            }}
            type="button"
            role="tab"
            id={`flows-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`flows-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="flows-tab"
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`flows-panel-${tab}`} aria-labelledby={`flows-tab-${tab}`} className="flows-panel">
        {tab === 'flows' ? <FlowsTab /> : tab === 'verify' ? <VerifyTab /> : <RemoteTab />}
      </div>
    </div>
  )
}
