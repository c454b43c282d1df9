import type { InvokeResponse } from '../../../shared/api'
import { tokenRejected, unexpectedHttpAnswer, webShellUnreachable } from './httpErrors'
import { isInvokeResponse } from './responses'

/** POST /api/invoke/<method> with the JSON input; the answer is an InvokeResponse. */
export async function invokeOverHttp(
  token: string,
  method: string,
  input: unknown,
  onTokenRejected: () => void,
): Promise<InvokeResponse<unknown>> {
  let response: Response
  try {
    response = await fetch(`/api/invoke/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    })
  } catch (error) {
    return { ok: false, error: webShellUnreachable(error instanceof Error ? error.message : 'network error') }
  }
  // The core's answers, errors included, ride on HTTP 200; a 401 is the web shell refusing the token.
  if (response.status === 401) {
    onTokenRejected()
    return { ok: false, error: tokenRejected(response.status) }
  }
  const body: unknown = await response.json().catch(() => undefined)
  if (isInvokeResponse(body)) return body
  return { ok: false, error: unexpectedHttpAnswer(response.status, response.statusText) }
}
