import { useId, useState } from 'react'
import { isKnownGdprRequestType, isKnownGdprStatus, type PrivacyRequestView } from '../../../../shared/contract/privacy'
import { Badge } from '../../ui/Badge'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { DateTime } from '../../ui/DateTime'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { formatSeconds, formatTime } from '../../ui/format'
import { StatusDot } from '../../ui/StatusDot'
import { requestTypeWords, statusWord } from './privacyWords'
import { SavedResultsList } from './SavedResultsList'
import { SaveResultsForm } from './SaveResultsForm'
import { StatusTimeline } from './StatusTimeline'
import { useCheckNow, useForgetRequest } from './usePrivacy'
import { Fact } from '../../ui/Fact'

interface RequestCardProps {
  request: PrivacyRequestView
  now: number
  defaultFolder: string
  highlight?: boolean
}

/** One request: its timeline, how long it has run, when it is checked next, and what to do. */
export function RequestCard({ request, now, defaultFolder, highlight }: RequestCardProps) {
  const headingId = useId()
  const [saving, setSaving] = useState(false)
  const check = useCheckNow()
  const forget = useForgetRequest()
  const words = requestTypeWords(request.requestType)
  const knownStatus = isKnownGdprStatus(request.status)
  const canSave = request.requestType === 'GDPR_EXPORT' && request.status === 'COMPLETED'
  const tone =
    request.status === 'COMPLETED'
      ? 'ok'
      : request.status === 'ERROR' || request.guidance
        ? 'bad'
        : request.tracking && knownStatus
          ? 'busy'
          : 'idle'

  return (
    <article className={`privacy-request${highlight ? ' privacy-request-new' : ''}`} aria-labelledby={headingId}>
      <header className="privacy-request-head">
        <h3 id={headingId} className="privacy-request-title">
          {words.noun} · {request.subjectName}
        </h3>
        <span className="privacy-request-status">
          <StatusDot tone={tone} />{' '}
          {knownStatus ? (
            statusWord(request.status)
          ) : (
            <span title="A status this version of Switchboard does not know: shown as Genesys Cloud sent it.">
              <Badge>{request.status}</Badge>
            </span>
          )}
          {request.tracking ? ', tracking' : ''}
        </span>
      </header>
      <p className="privacy-request-meta muted">
        {request.source === 'elsewhere' ? (
          <Badge>made elsewhere{request.createdBy ? ` by ${request.createdBy}` : ''}</Badge>
        ) : (
          <Badge tone="accent">made here</Badge>
        )}
        <span>
          {request.orgName || request.profileName} ({request.profileName})
        </span>
        {!isKnownGdprRequestType(request.requestType) && <Badge>request type not known to this version</Badge>}
        {request.identifierKinds.length > 0 && <span>Identifiers: {request.identifierKinds.join(', ')}</span>}
      </p>
      <StatusTimeline request={request} />
      <dl className="facts privacy-request-facts">
        <Fact term="Request id">
          <code>{request.id}</code>
          <CopyButton text={request.id} label="Copy request id" />
        </Fact>
        <Fact term="Submitted">
          <DateTime iso={request.createdDate} />
        </Fact>
        <Fact term={request.tracking ? 'Running for' : 'Took'}>{elapsedText(request, now)}</Fact>
        <Fact term="Next check">{nextCheckText(request, now)}</Fact>
      </dl>
      {request.guidance && (
        <Banner
          level={request.status === 'ERROR' || request.lastError?.code === 'unauthorized' ? 'error' : 'warning'}
          title={request.guidance.title}
        >
          <p>{request.guidance.message}</p>
          <p>
            <strong>What to do:</strong> {request.guidance.hint}
          </p>
        </Banner>
      )}
      {!request.guidance && request.lastError && (
        <p className="privacy-last-error">The last check failed: {request.lastError.message} Switchboard checks again on schedule.</p>
      )}
      {check.isError && <ErrorPanel error={check.error} title="The check failed" />}
      <div className="privacy-request-actions">
        {request.tracking && (
          <Button small onClick={() => check.mutate(request.id)} busy={check.isPending}>
            Check now
          </Button>
        )}
        {canSave && (
          <Button small variant={saving ? 'secondary' : 'primary'} onClick={() => setSaving(!saving)} aria-expanded={saving}>
            Save results…
          </Button>
        )}
        {!request.tracking && (
          <Button small variant="ghost" onClick={() => forget.mutate(request.id)} busy={forget.isPending}>
            Remove from list
          </Button>
        )}
      </div>
      {canSave && saving && <SaveResultsForm request={request} defaultFolder={defaultFolder} />}
      {request.saved.length > 0 && <SavedResultsList requestId={request.id} saved={request.saved} />}
    </article>
  )
}

function elapsedText(request: PrivacyRequestView, now: number): string {
  const created = Date.parse(request.createdDate)
  if (request.tracking) return formatSeconds(Math.max(0, (now - created) / 1000))
  const first = request.timeline[0]
  if (first && (first.status === 'COMPLETED' || first.status === 'ERROR'))
    return 'not known: it had finished before Switchboard first saw it'
  const end = Date.parse(request.timeline.at(-1)?.seenAt ?? request.createdDate)
  const until =
    request.status === 'COMPLETED' || request.status === 'ERROR' ? 'until Switchboard saw it finished' : 'until tracking stopped'
  return `${formatSeconds(Math.max(0, (end - created) / 1000))} (${until})`
}

function nextCheckText(request: PrivacyRequestView, now: number): string {
  if (!request.tracking) return request.status === 'COMPLETED' || request.status === 'ERROR' ? 'none: finished' : 'none: tracking stopped'
  if (!request.nextCheckAt) return 'being scheduled'
  const wait = (Date.parse(request.nextCheckAt) - now) / 1000
  const checked = `checked ${request.polls} ${request.polls === 1 ? 'time' : 'times'}`
  return wait <= 0 ? `now (${checked})` : `in ${formatSeconds(wait)}, at ${formatTime(request.nextCheckAt)} (${checked})`
}
