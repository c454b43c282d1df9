import type { RecordingLink, RecordingLinkInput, RecordingPolicy } from '../../../../shared/contract/recordings'
import { AppError, toAppError } from '../../../../shared/errors'
import { assertOutboundUrl } from '../../net/outboundUrl'
import type { WorkflowServices } from '../../workflow'
import { isPlayableState, noFileFor, unavailableFor } from './fileStates'
import { auditLink } from './linkAudit'
import { linkExpiry } from './linkExpiry'
import { policyViolations } from './linkPolicy'
import { requestRecordingMedia, type RecordingMediaAnswer } from './recordingsApi'

/** Ask again after the platform's estimate, but never sooner than 1 s nor later than 30 s. */
const RETRY_MIN_MS = 1_000
const RETRY_MAX_MS = 30_000
const RETRY_UNKNOWN_MS = 5_000

/** A readable, stable name for the downloaded file (the platform adds the format's extension). */
export function linkFileName(input: RecordingLinkInput): string {
  return `recording_${input.conversationId}_${input.recordingId}_${input.format.toLowerCase()}`
}

/**
 * One download link: GET the recording in the format (download=true), then ready (with its expiry and
 * what it breaks of the policy), transcoding (ask again at retryAt) or unavailable (why, what to do).
 */
export async function createRecordingLink(
  services: WorkflowServices,
  policy: RecordingPolicy,
  input: RecordingLinkInput,
): Promise<RecordingLink> {
  const profileId = services.profiles.activeId()
  const { client, links } = services.connections.clientFor(profileId)
  const scope = await services.scope(profileId)
  const ref = { conversationId: input.conversationId, recordingId: input.recordingId }
  const base = { ...ref, format: input.format }
  let answer: RecordingMediaAnswer
  try {
    answer = await requestRecordingMedia(client, ref, input.format, { download: true, fileName: linkFileName(input) })
  } catch (error) {
    const failure = toAppError(error)
    auditLink(services.audit, scope, {
      ref,
      format: input.format,
      outcome: 'error',
      result: failure.code,
      correlationId: failure.correlationId,
      extra: { status: failure.status ?? null },
    })
    await services.audit.flush()
    throw failure
  }
  const { recording, correlationId } = answer
  const fileState = recording.fileState ?? undefined
  const audited = async (result: RecordingLink, link?: URL, extra?: Record<string, string | number | boolean | null>) => {
    auditLink(services.audit, scope, { ref, format: input.format, outcome: 'ok', result: result.state, link, correlationId, extra })
    await services.audit.flush()
    return result
  }

  if (!answer.mediaUri) {
    const unavailable = unavailableFor(fileState) ?? noFileFor(recording.media ?? undefined)
    if (unavailable && (answer.status !== 202 || !isPlayableState(fileState))) {
      const result: RecordingLink = { ...base, state: 'unavailable', fileState: fileState ?? '', ...unavailable }
      return audited(result, undefined, { fileState: fileState ?? null })
    }
    const estimatedMs = recording.estimatedTranscodeTimeMs ?? undefined
    const waitMs = Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, estimatedMs ?? RETRY_UNKNOWN_MS))
    const result: RecordingLink = {
      ...base,
      state: 'transcoding',
      ...(estimatedMs !== undefined ? { estimatedMs } : {}),
      retryAt: new Date(services.now().getTime() + waitMs).toISOString(),
    }
    return audited(result, undefined, { status: answer.status })
  }

  let url: URL
  try {
    url = assertOutboundUrl(answer.mediaUri, links)
  } catch (error) {
    const failure = toAppError(error)
    auditLink(services.audit, scope, { ref, format: input.format, outcome: 'error', result: 'link-refused', correlationId })
    await services.audit.flush()
    throw new AppError({ ...failure.toData(), ...(correlationId ? { correlationId } : {}) })
  }
  const generatedAt = services.now()
  const expiry = linkExpiry(url, generatedAt)
  const violations = policyViolations(policy, input.format, expiry.lifetimeSeconds)
  const result: RecordingLink = {
    ...base,
    state: 'ready',
    url: url.href,
    expiresAt: expiry.expiresAt.toISOString(),
    expirySource: expiry.source,
    lifetimeSeconds: expiry.lifetimeSeconds,
    generatedAt: generatedAt.toISOString(),
    policyViolations: violations,
    ...(correlationId ? { correlationId } : {}),
  }
  await audited(result, url, { expirySource: expiry.source, lifetimeSeconds: expiry.lifetimeSeconds, policyViolations: violations.length })
  services.appEvents.emit(
    'media.url.generated',
    { ...ref, format: input.format, expiresAt: result.expiresAt, lifetimeSeconds: expiry.lifetimeSeconds, generatedAt: result.generatedAt },
    scope,
    { downloadUrl: url.href },
  )
  return result
}
