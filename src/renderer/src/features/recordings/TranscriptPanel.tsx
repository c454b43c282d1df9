import { useEffect, useRef, useState } from 'react'
import type { CommunicationTranscript } from '../../../../shared/contract/recordings'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { DateTime } from '../../ui/DateTime'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { lengthText } from './recordingWords'
import { useRecordingsWorkspace } from './recordingsWorkspace'
import { CopyIdButton } from './ShortId'
import { TranscriptSaveForm } from './TranscriptSaveForm'
import { useTranscript } from './useRecordings'

/** One conversation's transcript from Speech and Text Analytics, phrase by phrase, or why there is none. */
export function TranscriptPanel({ conversationId }: { conversationId: string }) {
  const transcript = useTranscript(conversationId)
  const openTranscript = useRecordingsWorkspace((s) => s.openTranscript)
  const [saving, setSaving] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const data = transcript.data
  return (
    <section className="card rec-transcript" aria-labelledby="rec-transcript-title">
      <div className="card-head">
        <div className="rec-transcript-title">
          <h2 id="rec-transcript-title" className="card-title" ref={heading} tabIndex={-1}>
            Transcript of conversation{' '}
            <code className="rec-id-text" title={conversationId}>
              {conversationId}
            </code>
          </h2>
          <CopyIdButton text={conversationId} label={`Copy conversation id ${conversationId}`} />
        </div>
        <div className="card-actions">
          {data?.state === 'available' && (
            <Button small onClick={() => setSaving((v) => !v)} aria-expanded={saving}>
              Save transcript…
            </Button>
          )}
          <Button small variant="ghost" onClick={() => openTranscript(null)}>
            Close transcript
          </Button>
        </div>
      </div>
      {saving && <TranscriptSaveForm conversationId={conversationId} onClose={() => setSaving(false)} />}
      {transcript.isPending && <p className="muted">Reading the transcript…</p>}
      {transcript.isError && <ErrorPanel error={transcript.error} title="The transcript could not be read" />}
      {data?.state === 'none' && (
        <Banner level="info" title={data.reason}>
          {data.hint}
        </Banner>
      )}
      {data?.state === 'available' && (
        <>
          {data.conversationStartTime && (
            <p className="muted">
              Conversation started <DateTime iso={data.conversationStartTime} seconds />; times are from its start.
            </p>
          )}
          {data.communications.map((communication) => (
            <CommunicationPhrases key={communication.communicationId} communication={communication} />
          ))}
        </>
      )}
    </section>
  )
}

function CommunicationPhrases({ communication }: { communication: CommunicationTranscript }) {
  const facts = [
    communication.mediaType,
    communication.language,
    communication.durationMs !== undefined ? lengthText(communication.durationMs) : undefined,
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <div className="rec-communication">
      <h3 className="rec-communication-title">
        Communication{' '}
        <code className="rec-id-text" title={communication.communicationId}>
          {communication.communicationId}
        </code>
        {facts && <span className="muted"> · {facts}</span>}
      </h3>
      {communication.phrases.length === 0 ? (
        <p className="muted">No phrases in this communication.</p>
      ) : (
        <div className="rec-phrases-scroll">
          <table className="rec-phrases">
            <caption className="sr-only">Phrases of communication {communication.communicationId}</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Speaker</th>
                <th scope="col">Text</th>
              </tr>
            </thead>
            <tbody>
              {communication.phrases.map((phrase, i) => (
                <tr key={i}>
                  <td className="num">{lengthText(phrase.startMs)}</td>
                  <td title={phrase.speaker !== phrase.speakerLabel ? `As the platform wrote it: ${phrase.speaker}` : undefined}>
                    {phrase.speakerLabel}
                  </td>
                  <td>{phrase.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
