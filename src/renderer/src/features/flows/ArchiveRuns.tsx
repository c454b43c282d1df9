import { MAX_ARCHIVE_JOBS } from '../../../../shared/contract/flows'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { formatCount } from '../../ui/format'
import { ArchiveRunCard } from './ArchiveRunCard'
import { FINISHED_ARCHIVE_STATES } from './flowWords'
import { useArchives, useClearArchives, useFlowNaming, useRemoteSettings } from './useFlows'

/** Every archive run, newest first: progress while it works, then what it wrote, its manifest and its remote copy. */
export function ArchiveRuns() {
  const archives = useArchives()
  const clear = useClearArchives()
  const remote = useRemoteSettings()
  const named = useFlowNaming()
  const list = (archives.data ?? []).map(named)
  const finished = list.filter((run) => FINISHED_ARCHIVE_STATES.includes(run.state)).length
  const running = list.filter((run) => run.state === 'running').length
  return (
    <Card
      title="Archive runs"
      className="flows-runs"
      actions={
        <Button small onClick={() => clear.mutate()} disabled={finished === 0} busy={clear.isPending}>
          Clear finished
        </Button>
      }
    >
      {archives.isPending && <p className="muted">Loading the archive runs…</p>}
      {archives.isError && <ErrorPanel error={archives.error} title="The archive runs could not be listed" />}
      {clear.isError && <ErrorPanel error={clear.error} title="The finished runs could not be cleared" />}
      {archives.data && list.length === 0 && (
        <EmptyState title="No archive runs yet">
          Tick flows above and choose “Archive selected…”, or open a flow and tick its versions.
        </EmptyState>
      )}
      {running > 0 && (
        <p className="muted num">
          {formatCount(running)} running; at most {formatCount(MAX_ARCHIVE_JOBS)} at once, the others wait their turn.
        </p>
      )}
      {list.length > 0 && (
        <ul className="flows-run-list" aria-label="Archive runs">
          {list.map((view) => (
            <li key={view.id}>
              <ArchiveRunCard view={view} remoteEnabled={remote.data?.enabled === true} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
