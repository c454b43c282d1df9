import { useCallback, useEffect, useState } from 'react'
import type { RecordingFormat, RecordingLink, RecordingRow } from '../../../../shared/contract/recordings'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { LinkResult } from './LinkResult'
import { Modal } from './Modal'
import { useGetLink, usePolicy } from './useRecordings'

/** A transcoding recording is asked about again at most this many times before the admin is asked to retry. */
const MAX_AUTO_RETRIES = 30
/** Never wait longer than this for one retry, whatever retryAt says. */
const MAX_RETRY_WAIT_MS = 60_000

interface LinkDialogProps {
  recording: RecordingRow
  onClose: () => void
}

/**
 * One recording's download link in a chosen format. The link lives in this dialog's state only:
 * closing the dialog forgets it (it is a bearer credential).
 */
export function LinkDialog({ recording, onClose }: LinkDialogProps) {
  const policy = usePolicy()
  const [format, setFormat] = useState<RecordingFormat | null>(null)
  const [link, setLink] = useState<RecordingLink | null>(null)
  const [retries, setRetries] = useState(0)
  const getLink = useGetLink()
  const { mutate } = getLink
  const chosen = format ?? policy.data?.defaultFormat ?? null

  const request = useCallback(
    (f: RecordingFormat) => {
      setLink(null)
      mutate({ conversationId: recording.conversationId, recordingId: recording.recordingId, format: f }, { onSuccess: setLink })
    },
    [mutate, recording.conversationId, recording.recordingId],
  )

  // Asked for as soon as the format is known (the policy's default first).
  useEffect(() => {
    if (chosen) request(chosen)
  }, [chosen, request])

  // Still transcoding: ask again at retryAt, on its own, a bounded number of times.
  useEffect(() => {
    if (link?.state !== 'transcoding' || retries >= MAX_AUTO_RETRIES) return
    const wait = Math.min(MAX_RETRY_WAIT_MS, Math.max(500, Date.parse(link.retryAt) - Date.now()))
    const timer = setTimeout(() => {
      setRetries((n) => n + 1)
      mutate({ conversationId: link.conversationId, recordingId: link.recordingId, format: link.format }, { onSuccess: setLink })
    }, wait)
    return () => clearTimeout(timer)
  }, [link, retries, mutate])

  const allowed = policy.data?.allowedFormats ?? []
  return (
    <Modal
      title="Download link"
      className="rec-link-dialog"
      onClose={onClose}
      actions={
        // A modal dialog moves focus into itself (WAI-ARIA dialog pattern).
        // eslint-disable-next-line jsx-a11y/no-autofocus
        <Button onClick={onClose} autoFocus>
          Close
        </Button>
      }
    >
      <p className="rec-link-what">
        Recording <code>{recording.recordingId}</code> of conversation <code>{recording.conversationId}</code>
      </p>
      {policy.isError && <ErrorPanel error={policy.error} title="The link policy could not be read" />}
      {policy.data && (
        <div className="rec-link-format">
          <Field label="Format">
            {(control) => (
              <select {...control} className="select" value={chosen ?? ''} onChange={(e) => setFormat(e.target.value as RecordingFormat)}>
                {allowed.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
      <div aria-live="polite" className="rec-link-state">
        {getLink.isPending && !link && <p className="muted">Asking the org for a link…</p>}
        {link && <LinkResult link={link} onRenew={() => chosen && request(chosen)} />}
        {link?.state === 'transcoding' && retries >= MAX_AUTO_RETRIES && (
          <Banner level="warning" title="Still not ready after many tries.">
            <Button small onClick={() => (setRetries(0), chosen && request(chosen))}>
              Try again
            </Button>
          </Banner>
        )}
      </div>
      {getLink.isError && <ErrorPanel error={getLink.error} title="No link could be had" />}
    </Modal>
  )
}
