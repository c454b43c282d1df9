import { describe, expect, it } from 'vitest'
import { TranscriptDocumentSchema, toCommunicationTranscript } from '../../../src/main/core/recordings/transcripts/transcriptJson'
import { clockOf, renderTranscriptText } from '../../../src/main/core/recordings/transcripts/transcriptText'

const START = Date.UTC(2026, 10, 20, 9, 30, 0)

function transcriptOf(json: unknown) {
  return toCommunicationTranscript('comm-1', TranscriptDocumentSchema.parse(json))
}

describe('the readable transcript', () => {
  it('has a header, then one phrase a line in time order, as [hh:mm:ss] speaker: text', () => {
    const transcript = transcriptOf({
      conversationId: 'conv-1',
      conversationStartTime: START,
      transcripts: [
        {
          language: 'en-US',
          phrases: [
            { text: 'let me check that for you', startTimeMs: START + 83_400, participantPurpose: 'internal' },
            { text: 'hello I have a question\nabout my bill', startTimeMs: START + 1_200, participantPurpose: 'external' },
            { text: 'thank you for waiting', startTimeMs: START + 3_725_000, participantPurpose: 'internal' },
          ],
        },
      ],
    })
    const text = renderTranscriptText({ conversationId: 'conv-1', conversationStartTime: new Date(START).toISOString() }, transcript)
    expect(text).toBe(
      [
        'Conversation: conv-1',
        'Communication: comm-1',
        'Started: 2026-11-20T09:30:00.000Z',
        'Language: en-US',
        '',
        '[00:00:01] customer: hello I have a question about my bill',
        '[00:01:23] agent: let me check that for you',
        '[01:02:05] agent: thank you for waiting',
        '',
      ].join('\n'),
    )
  })

  it('shows a speaker purpose it does not know as written, and reads times given from the start of the call', () => {
    const transcript = transcriptOf({
      transcripts: [
        {
          phrases: [
            { text: 'second', startTimeMs: 5_000, participantPurpose: 'virtualAgent' },
            { text: 'first', startTimeMs: 2_000, participantPurpose: 'customer', somethingNew: { a: 1 } },
            { text: 'no speaker', startTimeMs: 9_000 },
          ],
          futureField: true,
        },
      ],
      anotherNewField: [1, 2, 3],
    })
    expect(transcript.phrases.map((p) => [p.startMs, p.speaker, p.speakerLabel, p.text])).toEqual([
      [2_000, 'customer', 'customer', 'first'],
      [5_000, 'virtualAgent', 'virtualAgent', 'second'],
      [9_000, 'unknown', 'unknown', 'no speaker'],
    ])
    const text = renderTranscriptText({ conversationId: 'c' }, transcript)
    expect(text).toContain('Started: unknown\nLanguage: unknown\n')
    expect(text).toContain('[00:00:05] virtualAgent: second\n')
  })

  it('writes hours past a day as they are', () => {
    expect(clockOf(0)).toBe('00:00:00')
    expect(clockOf(59_999)).toBe('00:00:59')
    expect(clockOf(100 * 3_600_000 + 61_000)).toBe('100:01:01')
  })
})
