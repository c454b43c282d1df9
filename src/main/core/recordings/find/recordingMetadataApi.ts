/** GET .../recordingmetadata: a conversation's recordings without media (recording:recording:view). */
import { z } from 'zod'
import type { GenesysClient } from '../../genesys'

/** The SDK's RecordingMetadata; the output fields of Recording are read where a platform sends them. */
export const RecordingMetadata = z.looseObject({
  id: z.string().min(1),
  conversationId: z.string().optional(),
  media: z.string().optional(),
  // An open enum: a state this version does not know is kept and shown.
  fileState: z.string().optional(),
  startTime: z.string().nullish(),
  endTime: z.string().nullish(),
  archiveDate: z.string().nullish(),
  deleteDate: z.string().nullish(),
  outputDurationMs: z.number().nonnegative().nullish(),
  outputSizeInBytes: z.number().nonnegative().nullish(),
})
export type RecordingMetadata = z.infer<typeof RecordingMetadata>

export function getRecordingMetadata(client: GenesysClient, conversationId: string, signal: AbortSignal) {
  return client.request({
    method: 'GET',
    path: `/api/v2/conversations/${encodeURIComponent(conversationId)}/recordingmetadata`,
    schema: z.array(RecordingMetadata),
    signal,
  })
}
