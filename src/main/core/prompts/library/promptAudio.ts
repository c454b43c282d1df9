/**
 * prompts.audio: a language resource's audio, fetched by the core so the renderer never follows a
 * platform link. The media link is the platform's: it goes through core/net with the profile's link rule
 * (https, or the Sandbox profile's own origin), carries no bearer token, and is capped in size and time.
 * A resource without media says why (not uploaded, not transcoded yet, transcode failed).
 */
import type { PromptAudio } from '../../../../shared/contract/prompts'
import { PROMPT_LIMITS } from '../../../../shared/contract/prompts'
import { AppError, toAppError } from '../../../../shared/errors'
import type { GenesysClient } from '../../genesys'
import { sendOutbound } from '../../net/outboundHttp'
import type { OutboundUrlRule } from '../../net/outboundUrl'
import { getPromptResource, type PromptAsset } from '../promptsApi'
import { audioMimeType } from './audioType'
import { promptPermissionError } from './promptAccess'
import { hasMedia } from './promptSummary'

/** Room above Architect's upload limit: the transcoded media may be a little larger than the file sent. */
const MEDIA_MARGIN_BYTES = 5_000_000
export const MAX_PROMPT_MEDIA_BYTES = PROMPT_LIMITS.maxFileBytes + MEDIA_MARGIN_BYTES
const MEDIA_DEADLINE_MS = 60_000
const MEDIA_IDLE_TIMEOUT_MS = 20_000

export interface AudioRequest {
  client: GenesysClient
  links: OutboundUrlRule
  promptId: string
  language: string
  signal?: AbortSignal
}

export async function fetchPromptAudio(request: AudioRequest): Promise<PromptAudio> {
  const { client, promptId, language, signal } = request
  let resource: PromptAsset
  let correlationId: string | undefined
  try {
    const answer = await getPromptResource(client, promptId, language, signal)
    resource = answer.data
    correlationId = answer.correlationId
  } catch (error) {
    throw resourceError(error, language)
  }
  if (!hasMedia(resource)) throw noMedia(resource, correlationId)
  try {
    return await fetchMedia(resource.mediaUri!, request)
  } catch (error) {
    // The media link's own failures carry the resource's correlation id: the call that handed out the link.
    throw withCorrelationId(toAppError(error), correlationId)
  }
}

async function fetchMedia(url: string, request: AudioRequest): Promise<PromptAudio> {
  const response = await sendOutbound({
    method: 'GET',
    url,
    links: request.links,
    maxBodyBytes: MAX_PROMPT_MEDIA_BYTES,
    deadlineMs: MEDIA_DEADLINE_MS,
    idleTimeoutMs: MEDIA_IDLE_TIMEOUT_MS,
    retry: { maxAttempts: 3 },
    ...(request.signal ? { signal: request.signal } : {}),
  })
  if (response.status < 200 || response.status >= 300) throw mediaStatusError(response.status, new URL(url).host)
  const contentType = headerText(response.headers['content-type'])
  const mimeType = audioMimeType(contentType, response.body)
  if (!mimeType) {
    throw new AppError({
      code: 'server_error',
      message: `The ${request.language} audio of this prompt is not audio Switchboard can play (it came as ${contentType ?? 'no content type'}).`,
      hint: 'Open the prompt in Architect to check its audio, or upload the recording again.',
    })
  }
  return { mimeType, sizeBytes: response.body.length, base64: response.body.toString('base64') }
}

function withCorrelationId(failure: AppError, correlationId: string | undefined): AppError {
  if (!correlationId || failure.correlationId) return failure
  return new AppError({ ...failure.toData(), correlationId })
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function resourceError(error: unknown, language: string): AppError {
  const failure = promptPermissionError(error, 'read the prompt')
  if (failure.code !== 'not_found') return failure
  return new AppError({
    ...failure.toData(),
    message: `This prompt has no ${language} resource (or the prompt is gone).`,
    hint: 'Refresh the list: the prompt or its language may have been deleted in Architect.',
  })
}

/** Why there is nothing to play yet, by the raw upload status (a status the platform adds later is named as it is). */
function noMedia(resource: PromptAsset, correlationId: string | undefined): AppError {
  const status = resource.uploadStatus
  const says: Record<string, { message: string; hint: string }> = {
    created: {
      message: `The ${resource.language} resource has no audio: nothing was uploaded to it yet.`,
      hint: 'Upload a WAV file for this language (Uploads > Prompts).',
    },
    uploaded: {
      message: `The ${resource.language} audio is not transcoded yet.`,
      hint: 'Architect transcodes an upload within moments; refresh the list and play it again shortly.',
    },
    transcodeFailed: {
      message: `The ${resource.language} audio cannot be played: Architect's transcode failed.`,
      hint: 'The uploaded file was not audio Architect could read. Upload the recording again as a WAV (PCM 8/16-bit, mu-law or a-law).',
    },
  }
  const known = status ? says[status] : undefined
  return new AppError({
    code: 'not_found',
    message: known?.message ?? `The ${resource.language} resource has no audio to play (upload status ${status ?? 'not given'}).`,
    hint: known?.hint ?? 'Refresh the list; if the status stays the same, check the prompt in Architect.',
    ...(correlationId ? { correlationId } : {}),
  })
}

function mediaStatusError(status: number, host: string): AppError {
  if (status === 403 || status === 404 || status === 410)
    return new AppError({
      code: status === 403 ? 'forbidden' : 'not_found',
      status,
      message: `The prompt's audio link at ${host} answered HTTP ${status}: the link has expired or the audio is gone.`,
      hint: 'Refresh the list and play it again: each play asks Architect for a fresh link.',
    })
  return new AppError({
    code: status === 429 || status >= 500 ? 'server_error' : 'invalid_input',
    status,
    message: `Fetching the prompt's audio from ${host} failed with HTTP ${status}.`,
    hint: 'Try again in a moment.',
  })
}
