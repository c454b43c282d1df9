import type { CommunicationTranscript } from '../../../../shared/contract/recordings'

export interface TranscriptTextHeader {
  conversationId: string
  /** ISO 8601, when the platform gave it. */
  conversationStartTime?: string
}

/**
 * The readable version saved beside the JSON: a header (conversation, communication, start, language),
 * a blank line, then one phrase a line as `[hh:mm:ss] speaker: text`, in time order, times from the
 * conversation's start. Line breaks inside a phrase become spaces so each phrase stays one line.
 */
export function renderTranscriptText(header: TranscriptTextHeader, transcript: CommunicationTranscript): string {
  const lines = [
    `Conversation: ${header.conversationId}`,
    `Communication: ${transcript.communicationId}`,
    `Started: ${header.conversationStartTime ?? 'unknown'}`,
    `Language: ${transcript.language ?? 'unknown'}`,
    '',
    ...[...transcript.phrases]
      .sort((a, b) => a.startMs - b.startMs)
      .map((phrase) => `[${clockOf(phrase.startMs)}] ${phrase.speakerLabel}: ${oneLine(phrase.text)}`),
  ]
  return `${lines.join('\n')}\n`
}

/** hh:mm:ss from milliseconds (hours past 99 keep their digits). */
export function clockOf(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(Math.floor(total / 3600))}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim()
}
