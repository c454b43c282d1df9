import { AppError } from '../../../shared/errors'
import { isLoopbackHost } from '../net/outboundAgents'
import type { OutboundUrlRule } from '../net/outboundUrl'

/**
 * The endpoint's address when Switchboard may send to it: https, or http to this machine only (a
 * receiver under development); never a user name or password in the URL (they would sit in settings
 * and logs in plain text).
 */
export function checkEndpointUrl(text: string): URL {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw refused('it is not a valid address', 'Enter the full address, for example https://hooks.example.com/switchboard.')
  }
  if (url.username || url.password)
    throw refused(
      'it carries a user name or password',
      'Remove them from the address; the signature tells the receiver who sent the event.',
    )
  if (url.protocol === 'https:') return url
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return url
    throw refused(`it is plain http to ${url.host}`, 'Use https; plain http is allowed only to this computer (127.0.0.1, ::1, localhost).')
  }
  throw refused(`it uses ${url.protocol}`, 'Use an https address.')
}

const parsedUrls = new Map<string, URL>()

/** An endpoint's stored address as a URL, parsed once (every attempt and its audit entry need it); read it, never change it. */
export function endpointUrlOf(url: string): URL {
  let parsed = parsedUrls.get(url)
  if (!parsed) {
    if (parsedUrls.size >= 1000) parsedUrls.clear()
    parsed = new URL(url)
    parsedUrls.set(url, parsed)
  }
  return parsed
}

/** What outboundHttp is told it may follow for this endpoint: its own origin when that is plain http on loopback. */
export function linkRuleFor(url: URL): OutboundUrlRule {
  return url.protocol === 'http:' ? { allowedLoopbackOrigin: url.origin } : {}
}

function refused(reason: string, hint: string): AppError {
  return new AppError({ code: 'invalid_input', message: `Switchboard will not send events to this address: ${reason}.`, hint })
}
