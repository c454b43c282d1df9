import type { PrivacyListResult } from '../../../../shared/contract/privacy'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { formatTime } from '../../ui/format'
import { RequestCard } from './RequestCard'
import { useNow } from './useNow'
import { useRefreshFromOrg } from './usePrivacy'

/** Every tracked request, newest first, with the state of the last read of the org's list. */
export function RequestList({ list, highlightId }: { list: PrivacyListResult; highlightId?: string }) {
  const refresh = useRefreshFromOrg()
  const now = useNow()
  const imported = list.lastImport
  return (
    <Card
      title="Requests"
      actions={
        <Button small onClick={() => refresh.mutate()} busy={refresh.isPending}>
          Refresh from org
        </Button>
      }
    >
      <p className="muted privacy-import-line" aria-live="polite">
        {imported
          ? imported.error
            ? `Reading the request list of ${imported.profileName} failed at ${formatTime(imported.at)}.`
            : `${imported.profileName}: ${imported.found} request(s) in the org’s list, read ${formatTime(imported.at)}. Requests made elsewhere are included.`
          : 'Reading the org’s request list…'}
      </p>
      {imported?.error && <ErrorPanel error={imported.error} title="Requests made elsewhere could not be read" />}
      {refresh.isError && <ErrorPanel error={refresh.error} title="Refresh from org failed" />}
      {list.storeProblem && (
        <Banner level="warning" title={list.storeProblem.title}>
          {list.storeProblem.message} {list.storeProblem.hint}
        </Banner>
      )}
      {list.requests.length === 0 ? (
        <EmptyState title="No privacy requests yet">
          Find a data subject above and submit a request; it is tracked here until Genesys Cloud finishes it, across restarts.
        </EmptyState>
      ) : (
        <ul className="privacy-requests" aria-label="Privacy requests">
          {list.requests.map((request) => (
            <li key={request.id}>
              <RequestCard request={request} now={now} defaultFolder={list.defaultResultsFolder} highlight={request.id === highlightId} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
