import { ErrorPanel } from '../../ui/ErrorPanel'
import { Card } from '../../ui/Card'
import { RemoteForm } from './RemoteForm'
import { useRemoteSettings } from './useFlows'

/** The optional remote archive: an endpoint that receives a copy of every archive run. */
export function RemoteTab() {
  const remote = useRemoteSettings()
  return (
    <div className="flows-tab-body">
      <Card title="Remote archive">
        <p className="flows-remote-intro">
          When on, each archive run that writes something sends its manifest and new files to this address by POST, with an Idempotency-Key
          made from the flow and its versions’ ids and hashes: a retry carries the same key, so the remote side recognises it. An answer of
          409 counts as already archived; 429 and 5xx are tried again later. Each run shows its copy’s state.
        </p>
        {remote.isPending && <p className="muted">Loading the remote archive settings…</p>}
        {remote.isError && <ErrorPanel error={remote.error} title="The remote archive settings could not be read" />}
        {remote.data && <RemoteForm settings={remote.data} />}
      </Card>
    </div>
  )
}
