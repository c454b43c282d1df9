/**
 * Keeps secrets, tokens and payload bodies out of the audit log. In development and tests a violation
 * throws (so the bug is found where it is written); in production the value is replaced by
 * "[redacted]" and the entry is still written, so a workflow never fails because of its audit line.
 */
import { AppError } from '../../../shared/errors'

export type GuardMode = 'throw' | 'redact'

export const REDACTED = '[redacted]'
/** Longer strings look like payload bodies, which never belong in the log. */
export const MAX_DETAIL_STRING = 1000
export const MAX_DETAIL_KEYS = 40

const SECRET_WORDS = new Set([
  'secret',
  'secrets',
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'authorization',
  'cookie',
  'cookies',
  'credential',
  'credentials',
  'bearer',
  'jwt',
  'apikey',
  'privatekey',
])
/** Words that name a secret only at the end of a key: accessToken yes, tokenLifetimeSeconds no. */
const SECRET_LAST_WORDS = new Set(['token', 'tokens', 'auth', 'key', 'sig', 'signature'])
const KEY_QUALIFIERS_FOR_KEY = new Set(['api', 'private', 'secret', 'access', 'signing', 'client'])

/** A token is long and has a digit or punctuation; "Bearer authentication" is prose, not a token. */
const BEARER = /\bbearer\s+([A-Za-z0-9\-._~+/]{16,}=*)/i
const BASIC = /\bbasic\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/i

function looksLikeToken(text: string): boolean {
  return /[0-9\-._~+/]/.test(text)
}

/** Basic credentials are base64 of "user:password". */
function decodesToUserAndPassword(base64: string): boolean {
  const decoded = Buffer.from(base64, 'base64').toString('latin1')
  return /^[\x20-\x7e]+:[\x20-\x7e]*$/.test(decoded)
}

const SECRET_VALUE_CHECKS: { matches: (value: string) => boolean; what: string }[] = [
  { matches: (v) => looksLikeToken(BEARER.exec(v)?.[1] ?? ''), what: 'a bearer token' },
  { matches: (v) => decodesToUserAndPassword(BASIC.exec(v)?.[1] ?? ''), what: 'Basic credentials' },
  { matches: (v) => /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\./.test(v), what: 'a JSON Web Token' },
  {
    matches: (v) => /[?&#](access_token|refresh_token|id_token|client_secret|password|token|api_key|apikey)=/i.test(v),
    what: 'a URL carrying a credential',
  },
]

function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

/** Keys already judged: a log sees the same few dozen keys over and over, and splitting them was a visible share of each append. */
const judgedKeys = new Map<string, boolean>()
const MAX_JUDGED_KEYS = 10_000

/** True when a detail key names something secret (secret, token, password, authorization, ...). */
export function isForbiddenDetailKey(key: string): boolean {
  let forbidden = judgedKeys.get(key)
  if (forbidden === undefined) {
    forbidden = namesASecret(key)
    if (judgedKeys.size >= MAX_JUDGED_KEYS) judgedKeys.clear()
    judgedKeys.set(key, forbidden)
  }
  return forbidden
}

function namesASecret(key: string): boolean {
  const words = keyWords(key)
  if (words.some((w) => SECRET_WORDS.has(w))) return true
  const joined = words.join('')
  if (/(apikey|privatekey|clientsecret|accesskey|sessionid)/.test(joined)) return true
  const last = words.at(-1)
  if (last === undefined || !SECRET_LAST_WORDS.has(last)) return false
  if (last !== 'key') return true
  const before = words.at(-2)
  return before !== undefined && KEY_QUALIFIERS_FOR_KEY.has(before)
}

/** Every check above needs one of these in the value; most values (ids, hosts, names) have none, and skip them all. */
const MIGHT_HOLD_A_CREDENTIAL = /bearer|basic|eyJ|[?&#]/i

/** Names what a value looks like when it looks like a credential; undefined when it looks harmless. */
export function describeSecretValue(value: string): string | undefined {
  if (!MIGHT_HOLD_A_CREDENTIAL.test(value)) return undefined
  for (const { matches, what } of SECRET_VALUE_CHECKS) if (matches(value)) return what
  return undefined
}

export interface GuardedFields {
  target: string
  correlationId?: string
  detail?: Record<string, string | number | boolean | null>
}

function refuse(message: string): AppError {
  return new AppError({
    code: 'internal',
    message: `Audit entry refused: ${message}`,
    hint: 'The audit log records what was done, never secrets, tokens or payload bodies. Remove the value from the audit call.',
  })
}

/** The value, or REDACTED with the problem noted when it looks like a credential. */
function cleanText(problems: string[], name: string, value: string): string {
  const what = describeSecretValue(value)
  if (!what) return value
  problems.push(`${name} looks like ${what}`)
  return REDACTED
}

/** Returns the fields to store: unchanged when clean, redacted (mode 'redact') or throws (mode 'throw'). */
export function guardAuditFields(fields: GuardedFields, mode: GuardMode): GuardedFields {
  const problems: string[] = []
  const out: GuardedFields = { target: cleanText(problems, 'target', fields.target) }
  if (fields.correlationId !== undefined) out.correlationId = cleanText(problems, 'correlationId', fields.correlationId)
  if (fields.detail !== undefined) {
    const keys = Object.keys(fields.detail)
    if (keys.length > MAX_DETAIL_KEYS) problems.push(`detail has ${keys.length} keys (at most ${MAX_DETAIL_KEYS})`)
    const detail: Record<string, string | number | boolean | null> = {}
    for (const key of keys.slice(0, MAX_DETAIL_KEYS)) {
      const value = fields.detail[key]
      if (isForbiddenDetailKey(key)) {
        problems.push(`detail key "${key}" names a secret`)
        detail[key] = REDACTED
      } else if (typeof value === 'string' && value.length > MAX_DETAIL_STRING) {
        problems.push(`detail "${key}" is ${value.length} characters long (a payload body?)`)
        detail[key] = REDACTED
      } else if (typeof value === 'string') {
        detail[key] = cleanText(problems, `detail "${key}"`, value)
      } else {
        detail[key] = value
      }
    }
    out.detail = detail
  }
  if (problems.length > 0 && mode === 'throw') throw refuse(problems.join('; '))
  return out
}
