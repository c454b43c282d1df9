import { useStatus } from '../../hooks/useStatus'
import { useSession } from '../../session'
import type { SocketState } from '../../transport/eventSocket'
import { toAppError } from '../../../../shared/errors'
import { formatTime, regionShortLabel } from '../format'

import { ScreenLink } from '../ScreenLink'
import { StatusDot, type DotTone } from '../StatusDot'
import { connectionResultWords, jobsWords, rateWords } from './statusWords'

const SOCKET_WORDS: Record<SocketState, { tone: DotTone; words: string }> = {
  open: { tone: 'ok', words: 'Live updates on' },
  connecting: { tone: 'busy', words: 'Live updates connecting…' },
  reconnecting: { tone: 'bad', words: 'Live updates lost, reconnecting…' },
  closed: { tone: 'bad', words: 'Live updates stopped' },
}

/** The bottom bar: which org, whether it answers, how close we are to the rate limit, jobs running. */
export function StatusBar() {
  const status = useStatus()
  const shell = useSession((state) => state.shell)
  const socket = useSession((state) => state.socket)
  return (
    <footer className="statusbar">
      <div role="status" aria-label="Status bar" className="statusbar-inner">
        {status.data ? (
          <StatusItems />
        ) : (
          <span className="sb-item">{status.isError ? `Status unavailable: ${toAppError(status.error).message}` : 'Loading status…'}</span>
        )}
        {shell === 'web' && (
          <span className="sb-item sb-end">
            <StatusDot tone={SOCKET_WORDS[socket].tone} />
            {SOCKET_WORDS[socket].words}
          </span>
        )}
      </div>
    </footer>
  )
}

function StatusItems() {
  const { data } = useStatus()
  if (!data) return null
  const connection = connectionResultWords(data, formatTime)
  const rate = rateWords(data)
  return (
    <>
      {data.orgName ? (
        <span className="sb-item sb-org" title={`Profile: ${data.profileName}`}>
          <span className="sb-label">Org</span> {data.orgName}
        </span>
      ) : (
        <span className="sb-item sb-org" title="The org's name is read on the first successful call">
          <span className="sb-label">Profile</span> {data.profileName}
        </span>
      )}
      <span className="sb-item sb-region">
        <span className="sb-label">Region</span> {regionShortLabel(data.region)}
      </span>
      <span className={`sb-item sb-connection${connection.detail ? ' sb-has-detail' : ''}`} title={connection.title}>
        <StatusDot tone={connection.tone} />
        {connection.words}
        {connection.detail && <span className="sb-detail">: {connection.detail}</span>}
      </span>
      <span
        className={`sb-item sb-rate num${rate.nearLimit ? ' sb-warn' : ''}`}
        aria-live="off"
        title={rate.nearLimit ? 'Near the rate limit for this OAuth client' : undefined}
      >
        <span className="sb-calls">{rate.calls}</span> <span className="sb-detail">({rate.source})</span>
      </span>
      <span className="sb-item num" aria-live="off">
        <ScreenLink screen="jobs" className="sb-jobs" title="Open Jobs: every job, with pause, resume, cancel and retry">
          {jobsWords(data.jobsRunning)}
        </ScreenLink>
      </span>
    </>
  )
}
