import { useMemo } from 'react'
import { Button } from '../../ui/Button'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { formatCount } from '../../ui/format'
import { ArchiveForm } from './ArchiveForm'
import { ExportForm } from './ExportForm'
import { canArchive } from './flowRules'
import { FlowTable } from './FlowTable'
import { flowsText } from './flowWords'
import { listInput, useFlowsWorkspace } from './flowsWorkspace'
import { useFlowList } from './useFlows'

/** The flows the filters match, what is ticked, and what to do with them. */
export function FlowListSection() {
  const filters = useFlowsWorkspace((s) => s.filters)
  const input = useMemo(() => listInput(filters), [filters])
  const list = useFlowList(input)
  const selected = useFlowsWorkspace((s) => s.selectedFlows)
  const setSelected = useFlowsWorkspace((s) => s.setSelectedFlows)
  const form = useFlowsWorkspace((s) => s.form)
  const openForm = useFlowsWorkspace((s) => s.openForm)
  const flows = useMemo(() => list.data?.flows ?? [], [list.data])
  const selectable = useMemo(() => flows.filter(canArchive).map((f) => f.id), [flows])
  const chosen = useMemo(() => flows.filter((f) => selected.has(f.id) && canArchive(f)), [flows, selected])
  const withProblems = flows.filter((f) => f.problems.length > 0).length

  return (
    <section className="card flows-list" aria-label="Flows">
      {list.isPending && <p className="muted">Listing the flows…</p>}
      {list.isError && <ErrorPanel error={list.error} title="The flows could not be listed" />}
      {list.data && (
        <>
          <div className="flows-toolbar">
            <p className="num" role="status">
              {list.data.complete
                ? flowsText(list.data.total)
                : `Showing ${formatCount(flows.length)} of ${flowsText(list.data.total)}: narrow the filters to see the rest`}
              {withProblems > 0 && ` · ${formatCount(withProblems)} with problems`}
              {chosen.length > 0 && ` · ${formatCount(chosen.length)} selected`}
            </p>
            <Button small variant="ghost" onClick={() => setSelected(new Set())} disabled={chosen.length === 0}>
              Clear selection
            </Button>
            <div className="flows-toolbar-end">
              <Button
                disabled={chosen.length === 0}
                aria-expanded={form === 'export'}
                onClick={() => openForm(form === 'export' ? null : 'export')}
              >
                Export selected…
              </Button>
              <Button
                variant="primary"
                disabled={chosen.length === 0}
                aria-expanded={form === 'archive'}
                onClick={() => openForm(form === 'archive' ? null : 'archive')}
              >
                Archive selected…
              </Button>
            </div>
          </div>
          {form === 'archive' && chosen.length > 0 && (
            <ArchiveForm
              flows={chosen.map((f) => ({ flowId: f.id }))}
              what={chosen.length === 1 ? `the versions of ${chosen[0].name}` : `the versions of ${flowsText(chosen.length)}`}
              onClose={() => openForm(null)}
              onStarted={() => setSelected(new Set())}
            />
          )}
          {form === 'export' && chosen.length > 0 && <ExportForm flows={chosen} onClose={() => openForm(null)} />}
          {flows.length === 0 ? (
            <EmptyState title="No flows match">Choose another type or publish state, or clear the name.</EmptyState>
          ) : (
            <FlowTable flows={flows} selectable={selectable} />
          )}
        </>
      )}
    </section>
  )
}
