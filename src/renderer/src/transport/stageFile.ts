import { AppError } from '../../../shared/errors'
import { tokenRejected, unexpectedHttpAnswer, webShellUnreachable } from './httpErrors'
import { errorFromUnknown } from './responses'

/**
 * A browser has no path for a dropped file, so its bytes go to the web shell, which stages them in a
 * temporary folder and answers with the path the core can read.
 */
export async function stageFile(token: string, file: File, onTokenRejected: () => void, slot?: string): Promise<string> {
  let response: Response
  try {
    response = await fetch('/api/stage', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/octet-stream',
        'X-File-Name': encodeURIComponent(file.name),
        ...(slot ? { 'X-Stage-Slot': slot } : {}),
      },
      body: file,
    })
  } catch (error) {
    throw AppError.fromData(webShellUnreachable(error instanceof Error ? error.message : 'network error'))
  }
  if (response.status === 401) {
    onTokenRejected()
    throw AppError.fromData(tokenRejected(401))
  }
  const body: unknown = await response.json().catch(() => undefined)
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  if (response.ok && typeof record.path === 'string') return record.path
  if ('error' in record) throw errorFromUnknown(record.error, response.status)
  throw AppError.fromData(unexpectedHttpAnswer(response.status, response.statusText))
}
