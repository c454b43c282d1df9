import { SANDBOX_PROFILE_ID } from '../../../shared/api'
import { AppError } from '../../../shared/errors'

/** Which links the API of one profile may send Switchboard to (presigned uploads, report files, results). */
export interface OutboundUrlRule {
  /** The Sandbox profile's own origin (http://127.0.0.1:PORT): the one plain-http address that is followed. */
  allowedLoopbackOrigin?: string
}

/**
 * Only the built-in Sandbox profile gets its own origin allowed; any other profile, even one whose gateway
 * is on loopback, is a real org as far as links go: https only, so a hostile or broken answer cannot
 * point an upload or a download at another service on this machine.
 */
export function outboundRuleFor(profile: { id: string; apiBase: string }): OutboundUrlRule {
  if (profile.id !== SANDBOX_PROFILE_ID) return {}
  return { allowedLoopbackOrigin: new URL(profile.apiBase).origin }
}

/** The link as a URL when Switchboard may follow it; otherwise an AppError that says why, in plain words. */
export function assertOutboundUrl(url: string, rule: OutboundUrlRule = {}): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw refused('it is not a valid address')
  }
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
