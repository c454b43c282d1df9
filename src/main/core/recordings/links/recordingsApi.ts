/** GET one recording of a conversation in a format: the only Genesys call of the links part. */
import { z } from 'zod'
import type { RecordingFormat, RecordingRef } from '../../../../shared/contract/recordings'
import type { GenesysClient } from '../../genesys'

const optionalText = z.string().nullish()
const optionalNumber = z.number().nullish()

/** The Recording fields the links rely on; open enums (media, fileState) stay raw strings. */
export const RecordingSchema = z.looseObject({
  id: z.string().min(1),
  conversationId: optionalText,
  media: optionalText,
  fileState: optionalText,
  mediaUris: z.record(z.string(), z.looseObject({ mediaUri: optionalText }).nullable()).nullish(),
  estimatedTranscodeTimeMs: optionalNumber,
  actualTranscodeTimeMs: optionalNumber,
  archiveDate: optionalText,
  deleteDate: optionalText,
  outputSizeInBytes: optionalNumber,
  outputDurationMs: optionalNumber,
  startTime: optionalText,
  endTime: optionalText,
})
export type GenesysRecording = z.infer<typeof RecordingSchema>

export interface RecordingMediaAnswer {
  /** 202 while the format is still being transcoded; 200 otherwise. */
  status: number
  recording: GenesysRecording
  /** The first media URI the answer carries; absent while transcoding or when there is no playable media. */
  mediaUri?: string
  correlationId?: string
}

export interface RecordingMediaOptions {
  /** download=true: the link answers as an attachment (named fileName). */
  download?: boolean
  fileName?: string
  signal?: AbortSignal
}

/**
 * GET /api/v2/conversations/{cid}/recordings/{rid}?formatId= (any of recording:recording:view,
 * recording:recordingSegment:view). For other parts too: the downloads renew an expired link with it.
 */
export async function requestRecordingMedia(
  client: GenesysClient,
  ref: RecordingRef,
  format: RecordingFormat,
  options: RecordingMediaOptions = {},
): Promise<RecordingMediaAnswer> {
  const response = await client.request({
    method: 'GET',
    path: `/api/v2/conversations/${encodeURIComponent(ref.conversationId)}/recordings/${encodeURIComponent(ref.recordingId)}`,
    params: {
      formatId: format,
      ...(options.download ? { download: true } : {}),
      ...(options.fileName ? { fileName: options.fileName } : {}),
    },
    schema: RecordingSchema,
    signal: options.signal,
  })
  const mediaUri = Object.values(response.data.mediaUris ?? {})
    .map((entry) => entry?.mediaUri)
    .find((uri): uri is string => typeof uri === 'string' && uri !== '')
  return { status: response.status, recording: response.data, ...(mediaUri ? { mediaUri } : {}), correlationId: response.correlationId }
}
