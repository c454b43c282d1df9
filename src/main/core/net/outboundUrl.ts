import { SANDBOX_PROFILE_ID } from '../../../shared/api'
import { AppError } from '../../../shared/errors'

/** Which links the API of one profile may send Switchboard to (presigned uploads, report files, results). */
export interface OutboundUrlRule {
  /** The Sandbox profile's own origin (http://127.0.0.1:PORT): the one plain-http address that is followed. */
  allowedLoopbackOrigin?: string
}

/** The hosts a gateway may name over plain http (isAllowedGateway). */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * The built-in Sandbox profile gets its own origin allowed. So does a profile whose API is reached over
 * plain http on this machine (a gateway to a local sandbox, e.g. the command line's profile from the
 * environment with SWITCHBOARD_GATEWAY_URL=http://127.0.0.1:PORT), but only when its secret is bound to
 * exactly that origin: the one place its secret and every call already go. Every other plain-http
 * address, another port or host on this machine included, stays refused, so a hostile or broken
 * answer cannot point an upload or a download at another service on this machine.
 */
export function outboundRuleFor(profile: { id: string; apiBase: string; secretBinding?: { tokenOrigin: string } }): OutboundUrlRule {
  const origin = originOf(profile.apiBase)
  if (!origin) return {}
  if (profile.id === SANDBOX_PROFILE_ID) return { allowedLoopbackOrigin: origin }
  if (isLoopbackHttp(origin) && profile.secretBinding?.tokenOrigin === origin) return { allowedLoopbackOrigin: origin }
  return {}
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

function isLoopbackHttp(origin: string): boolean {
  const url = new URL(origin)
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)
}

/** The link as a URL when Switchboard may follow it; otherwise an AppError that says why, in plain words. */
export function assertOutboundUrl(url: string, rule: OutboundUrlRule = {}): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw refused('it is not a valid address')
  }
  return checkOutboundUrl(parsed, rule)
}

/** The same rule for an address already parsed (a caller that sends to it again and again keeps the URL). */
export function checkOutboundUrl(parsed: URL, rule: OutboundUrlRule = {}): URL {
  if (parsed.username || parsed.password) throw refused('it carries a user name or password')
  if (parsed.protocol === 'https:') return parsed
  if (parsed.protocol === 'http:') {
    const allowed = rule.allowedLoopbackOrigin
    if (allowed && (parsed.origin === allowed || parsed.origin === new URL(allowed).origin)) return parsed
    throw refused(`it is plain http (${parsed.host}); only https links are followed`)
  }
  throw refused(`it uses ${parsed.protocol} and only https links are followed`)
}

function refused(reason: string): AppError {
  return new AppError({
    code: 'server_error',
    message: `The org answered with a link Switchboard will not follow: ${reason}.`,
    hint: 'Nothing was sent to or read from that address. If this org is reached through a gateway, check its setup; otherwise give support the correlation id from the audit log.',
  })
}
