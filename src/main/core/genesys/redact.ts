/**
 * Error bodies sometimes echo what was sent: an Authorization header, a bearer token, the client secret.
 * They are redacted before they become an AppError (which reaches the renderer) or anything else.
 */

export const REDACTED = '[redacted]'

// A credential-shaped value: 8+ characters with a digit or token punctuation, so "Basic authentication" stays readable.
const CREDENTIAL = String.raw`(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{8,}`
// "Bearer abc1…", "Basic dXNlcjpw…", "authorization: xyz1…", "access_token=xyz1…", and JSON spellings of each.
const CREDENTIAL_PATTERNS: RegExp[] = [
  new RegExp(String.raw`\b(Bearer|Basic|bearer|basic|BEARER|BASIC)(\s+)${CREDENTIAL}`, 'g'),
  new RegExp(
    String.raw`(["']?\b(?:authorization|access_token|client_secret|refresh_token)\b["']?\s*[:=]\s*["']?)(?!Bearer\b|Basic\b)${CREDENTIAL}`,
    'gi',
  ),
]

/** Replaces known secrets (token, secret, header values) and anything shaped like a credential. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED)
  }
  out = out.replace(CREDENTIAL_PATTERNS[0], (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`)
  out = out.replace(CREDENTIAL_PATTERNS[1], (_m, prefix: string) => `${prefix}${REDACTED}`)
  return out
}

/** The same, through every string of a parsed JSON body (keys kept, values redacted). */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  if (typeof value === 'string') return redactText(value, secrets) as T
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, secrets)) as T
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value))
      out[key] = isCredentialKey(key) && typeof item === 'string' ? REDACTED : redactDeep(item, secrets)
    return out as T
  }
  return value
}

/** The secrets an Authorization header value carries: the whole value, its credential, and for Basic the secret. */
export function secretsOfAuthorization(header: unknown): string[] {
  if (typeof header !== 'string') return []
  const match = /^(Bearer|Basic)\s+(\S+)$/i.exec(header.trim())
  if (!match) return header.length >= 4 ? [header] : []
  const [, scheme, credential] = match
  const secrets = [header, credential]
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon >= 0) secrets.push(decoded.slice(colon + 1))
  }
  // Longest first, so a part never leaves a piece of a longer secret behind.
  return secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)
}

function isCredentialKey(key: string): boolean {
  return /^(authorization|access_token|client_secret|refresh_token|token)$/i.test(key)
}
