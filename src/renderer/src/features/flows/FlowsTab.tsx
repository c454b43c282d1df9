import { useMemo } from 'react'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { ArchiveRuns } from './ArchiveRuns'
import { ExportRuns } from './ExportRuns'
import { FlowFilterForm } from './FlowFilterForm'
import { FlowListSection } from './FlowListSection'
import { listInput, useFlowsWorkspace } from './flowsWorkspace'
import { PolicyPanel } from './PolicyPanel'
import { useFlowList, useFlowSettings } from './useFlows'
import { VersionHistory } from './VersionHistory'

/** Find flows, open one's history, archive by policy or by hand, compare; the runs and exports below. */
export function FlowsTab() {
  const settings = useFlowSettings()
  const openFlowId = useFlowsWorkspace((s) => s.openFlowId)
  const filters = useFlowsWorkspace((s) => s.filters)
  const input = useMemo(() => listInput(filters), [filters])
  const listed = useFlowList(input).data?.flows.find((flow) => flow.id === openFlowId)
  return (
    <div className="flows-tab-body">
      {settings.data && <PolicyPanel policy={settings.data.policy} />}
      {settings.isError && <ErrorPanel error={settings.error} title="The archive settings could not be read" />}
      <FlowFilterForm />
      <FlowListSection />
      {openFlowId && <VersionHistory key={openFlowId} flowId={openFlowId} listed={listed} />}
      <ArchiveRuns />
      <ExportRuns />
    </div>
  )
}
