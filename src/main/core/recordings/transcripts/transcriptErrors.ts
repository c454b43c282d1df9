import { AppError } from '../../../../shared/errors'
import { missingPermissionOf } from '../../genesys'

const TRANSCRIPT_PERMISSIONS = 'recording:recording:view and speechAndTextAnalytics:data:view'

/** A 403 from the API, said as what the admin cannot do and which permission the OAuth client lacks. */
export function transcriptPermissionError(failure: AppError, what: string): AppError {
  const permission = missingPermissionOf({ message: failure.message })
  return new AppError({
    code: 'forbidden',
    status: failure.status,
    genesysCode: failure.genesysCode,
    contextId: failure.contextId,
    correlationId: failure.correlationId,
    message: permission
      ? `Switchboard may not ${what}: the OAuth client lacks the permission ${permission}.`
      : `Switchboard may not ${what}: the OAuth client lacks a permission it needs.`,
    hint: `Add a role with ${permission ?? TRANSCRIPT_PERMISSIONS} to the OAuth client in Genesys Cloud Admin (transcripts need ${TRANSCRIPT_PERMISSIONS}), then try again.`,
  })
}

/** A transcript link that did not serve the file; download hosts answer S3-style XML errors. */
export function transcriptLinkError(status: number, text: string, host: string | undefined): AppError {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1]
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]
  const said = message ? `: ${message}${code ? ` (${code})` : ''}` : ''
  const where = host ?? 'the transcript host'
  if (status === 403) {
    return new AppError({
      code: 'forbidden',
      status,
      message: `The transcript link was refused by ${where}${said}, even after asking Genesys Cloud for a fresh one.`,
      hint: 'Check that this computer’s clock is right (links are only valid for a while), then try again.',
    })
  }
  return new AppError({
    code: status === 404 ? 'not_found' : status >= 500 ? 'server_error' : 'invalid_input',
    status,
    message: `Reading the transcript from ${where} failed with HTTP ${status}${said}.`,
    hint: 'Try again in a few minutes.',
  })
}

export function unreadableTranscriptError(host: string | undefined, why: string): AppError {
  return new AppError({
    code: 'server_error',
    message: `The transcript from ${host ?? 'Genesys Cloud'} could not be read: ${why}.`,
    hint: 'Nothing was saved from it. Try again; if it keeps happening, give support the conversation id.',
  })
}
