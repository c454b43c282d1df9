import { Card } from '../../ui/Card'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { ExportCard } from './ExportCard'
import { useExportNaming, useExports } from './useFlows'

/** Every export of flows, newest first: the platform's job state, then the file saved. */
export function ExportRuns() {
  const exports = useExports()
  const named = useExportNaming()
  const list = (exports.data ?? []).map(named)
  return (
    <Card title="Exports" className="flows-runs">
      {exports.isPending && <p className="muted">Loading the exports…</p>}
      {exports.isError && <ErrorPanel error={exports.error} title="The exports could not be listed" />}
      {exports.data && list.length === 0 && <EmptyState title="No exports yet">Tick flows above and choose “Export selected…”.</EmptyState>}
      {list.length > 0 && (
        <ul className="flows-run-list" aria-label="Exports">
          {list.map((view) => (
            <li key={view.id}>
              <ExportCard view={view} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
