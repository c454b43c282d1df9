import type { RecordingLink } from '../../../../shared/contract/recordings'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { DateTime } from '../../ui/DateTime'
import { Field } from '../../ui/Field'
import { fileStateText, linkExpired, linkExpiryText, transcodingText } from './recordingWords'
import { useTickUntil } from './useTick'

/** The link's answer: the link with its countdown, still transcoding, or why none can be had. */
export function LinkResult({ link, onRenew }: { link: RecordingLink; onRenew: () => void }) {
  if (link.state === 'transcoding') {
    return (
      <p className="rec-link-transcoding">
        {transcodingText(link.estimatedMs)}: asking again at <DateTime iso={link.retryAt} seconds /> on its own.
      </p>
    )
  }
  if (link.state === 'unavailable') {
    return (
      <Banner level="warning" title={`No link: ${link.reason}`}>
        <p>
          File state: {fileStateText(link.fileState)}. <span className="rec-hint">What to do: {link.hint}</span>
        </p>
      </Banner>
    )
  }
  return <ReadyLink link={link} onRenew={onRenew} />
}

function ReadyLink({ link, onRenew }: { link: Extract<RecordingLink, { state: 'ready' }>; onRenew: () => void }) {
  const now = useTickUntil(link.expiresAt)
  const gone = linkExpired(link.expiresAt, now)
  return (
    <div className="rec-link-ready">
      {gone ? (
        <p className="rec-link-expired" role="status">
          Link {linkExpiryText(link.expiresAt, now)}.{' '}
          <Button small variant="primary" onClick={onRenew}>
            Get a new link
          </Button>
        </p>
      ) : (
        <>
          <Field label={`Link (${link.format})`}>
            {(control) => (
              <div className="path-row">
                <input {...control} className="input mono" readOnly value={link.url} onFocus={(e) => e.target.select()} />
                <CopyButton text={link.url} label="Copy link" />
              </div>
            )}
          </Field>
          <p className="rec-link-expiry">
            <span className="num">{linkExpiryText(link.expiresAt, now)}</span> (at <DateTime iso={link.expiresAt} seconds />
            {link.expirySource === 'org-lifetime' ? ", from the org's link lifetime" : ''}). Anyone with the link can download the recording
            until then.
          </p>
        </>
      )}
      {link.policyViolations.length > 0 && (
        <Banner level="warning" title="This link breaks the recordings policy">
          <ul className="rec-violations">
            {link.policyViolations.map((v) => (
              <li key={v}>{v}</li>
            ))}
          </ul>
        </Banner>
      )}
    </div>
  )
}
