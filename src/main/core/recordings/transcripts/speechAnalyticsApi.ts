/** The Speech and Text Analytics call the transcripts part makes, with the schema of its answer. */
import { z } from 'zod'
import type { GenesysClient } from '../../genesys'

const TranscriptUrlSchema = z.looseObject({ url: z.string().min(1) })

/**
 * GET .../speechandtextanalytics/conversations/{cid}/communications/{commId}/transcripturl: a presigned
 * link to the transcript JSON (recording:recording:view and speechAndTextAnalytics:data:view); 404 when
 * that communication has no transcript.
 */
export function getTranscriptUrl(client: GenesysClient, conversationId: string, communicationId: string, signal?: AbortSignal) {
  return client.request({
    method: 'GET',
    path: `/api/v2/speechandtextanalytics/conversations/${encodeURIComponent(conversationId)}/communications/${encodeURIComponent(communicationId)}/transcripturl`,
    schema: TranscriptUrlSchema,
    signal,
  })
}
