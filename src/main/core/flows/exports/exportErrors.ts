import { AppError, toAppError } from '../../../../shared/errors'
import type { FlowExportJob } from './flowExportApi'

/** Archy's exit code 107 is what the exporter reports when it was throttled underneath. */
const ARCHY_RATE_LIMITED = /\barchy\b.*\bexit code 107\b/i

/** The exporter's messages as the admin reads them: the text, and the flow it is about when named. */
export function exporterMessages(job: FlowExportJob): string[] {
  return job.messages.flatMap((message) => {
    const text = message.text?.trim()
    if (!text) return []
    const flow = message.flow?.name ?? message.flow?.id
    return [flow ? `${text} (${flow})` : text]
  })
}

/** A job that ended in Failure: what the exporter said, what it usually means, and what to do. */
export function exporterFailure(messages: readonly string[], correlationId: string | undefined): AppError {
  const said = messages.length > 0 ? messages.join('; ') : 'it gave no reason'
  const throttled = messages.some((m) => ARCHY_RATE_LIMITED.test(m))
  return new AppError({
    code: throttled ? 'rate_limited' : 'server_error',
    message: `Genesys Cloud's exporter failed: ${said}.`,
    hint: throttled
      ? 'Archy, the exporter Genesys Cloud runs, exits with code 107 most often because it hit the API rate limit underneath (HTTP 429). Wait a minute and export again, fewer flows at a time; if it keeps failing, give Genesys support the correlation id.'
      : 'Check the flows named in the message in Architect (a flow may be invalid or locked), then export again; if it keeps failing, give Genesys support the correlation id.',
    ...(correlationId ? { correlationId } : {}),
  })
}

/** A 403 names the permission the OAuth client's role lacks: the one the platform named, else the one this call needs. */
export function withExportPermission(error: unknown, permission: string, what: string): AppError {
  const failure = toAppError(error)
  if (failure.code !== 'forbidden') return failure
  const named = /\b[a-zA-Z][\w-]*:[\w-]+:[\w*-]+\b/.exec(failure.message)?.[0] ?? permission
  return new AppError({
    ...failure.toData(),
    message: `Genesys Cloud refused to ${what}: the OAuth client lacks the permission ${named}.`,
    hint: `Add a role with ${named} to this OAuth client in Genesys Cloud (Admin > Roles / Permissions, then Admin > OAuth > the client > Roles), then export again.`,
  })
}

/** The platform no longer knows the job (only its submitter may read it, and it is kept a limited time). */
export function exportJobGone(platformJobId: string, failure: AppError): AppError {
  return new AppError({
    ...failure.toData(),
    code: 'not_found',
    message: `Genesys Cloud no longer knows the export job ${platformJobId}: only the OAuth client that submitted it can read it, and finished jobs are kept for a limited time.`,
    hint: 'Export the flows again.',
  })
}

export function exportNeverFinished(polls: number, lastStatus: string, correlationId: string | undefined): AppError {
  return new AppError({
    code: 'timeout',
    message: `The export job was still “${lastStatus}” after ${polls} checks; Switchboard stopped waiting for it.`,
    hint: 'Genesys Cloud may be busy. Export again later, fewer flows at a time.',
    ...(correlationId ? { correlationId } : {}),
  })
}

export function downloadRefused(status: number, host: string, body: string): AppError {
  const said = body.replace(/\s+/g, ' ').trim().slice(0, 200)
  return new AppError({
    code: status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'server_error',
    message: `The export's download link was refused by ${host}: HTTP ${status}${said ? ` (${said})` : ''}.`,
    hint: 'The link may have expired while the export waited. Export again.',
    status,
  })
}
