/** Pure helpers for the web shell's access token (no DOM here, so they can be unit-tested in Node). */

const TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]{8,512}$/

/**
 * Reads `token` from a location hash such as "#token=abc" or "#token=abc&x=1".
 * Parsed by hand because URLSearchParams turns "+" into a space, which would corrupt base64 tokens.
 */
export function readTokenFromHash(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash
  for (const part of body.split('&')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq) !== 'token') continue
    let value: string
    try {
      value = decodeURIComponent(part.slice(eq + 1))
    } catch {
      return null
    }
    return isPlausibleToken(value) ? value : null
  }
  return null
}

export function isPlausibleToken(value: string): boolean {
  return TOKEN_PATTERN.test(value)
}

/** The WebSocket address for the event stream, on the same host as the page. */
export function eventSocketUrl(pageProtocol: string, host: string, token: string): string {
  const scheme = pageProtocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${host}/api/events?token=${encodeURIComponent(token)}`
}
