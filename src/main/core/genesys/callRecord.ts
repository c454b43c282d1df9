import type { RateLimitSnapshot } from './rateLimit'

/** One HTTP attempt and how it ended, for the audit log and the status bar. Never bodies, tokens or query values. */
export interface ApiCallRecord {
  method: string
  /** The path without its query string; segments that could hold personal data are redacted. */
  path: string
  status?: number
  outcome: 'ok' | 'error' | 'retry'
  latencyMs: number
  correlationId?: string
  /** 1 for the first attempt of a request. */
  attempt: number
  retryAfterSeconds?: number
  rateLimit?: RateLimitSnapshot
  /** The AppError code of the failure that ended or repeated this attempt. */
  errorCode?: string
}

export type OnCall = (call: ApiCallRecord) => void

const REDACTED = ':redacted'

/**
 * Query strings are dropped (GDPR searches carry names, emails and phone numbers there). Path segments
 * are kept (they name the target: ids, the action), unless one looks like it could be personal data.
 */
export function pathForRecord(path: string): string {
  const withoutQuery = path.split(/[?#]/, 1)[0] ?? ''
  return withoutQuery
    .split('/')
    .map((segment) => (mayBePersonal(segment) ? REDACTED : segment))
    .join('/')
}

function mayBePersonal(segment: string): boolean {
  if (/[@%+\s]/.test(segment)) return true
  // Phone numbers: seven or more digits, possibly with separators.
  return /^[\d\-().]{7,}$/.test(segment) && (segment.match(/\d/g)?.length ?? 0) >= 7
}

/** A listener's bug must not break the request it listens to. */
export function safeNotify(onCall: OnCall | undefined, call: ApiCallRecord): void {
  if (!onCall) return
  try {
    onCall(call)
  } catch {
    // The audit sink reports its own failures; a throwing listener cannot fail an API call.
  }
}
