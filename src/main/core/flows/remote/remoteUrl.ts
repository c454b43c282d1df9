import { AppError } from '../../../../shared/errors'
import type { OutboundUrlRule } from '../../net/outboundUrl'

/** Plain http is allowed only to this machine (a local archive); anything else must be https. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost'])

/**
 * The remote archive's address as a URL, or an AppError on the `url` field that says what is wrong. The
 * token goes with every request to it, so it must be https, or http that never leaves this machine.
 */
export function checkRemoteUrl(text: string): URL {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw urlError('This is not a full address.', 'Enter the address as https://archive.example.com/flows.')
  }
  if (url.username || url.password)
    throw urlError('The address carries a user name or password.', 'Remove them from the address and enter the token instead.')
  if (url.hash) throw urlError('The address has a #fragment, which is never sent.', 'Remove the part from # on.')
  if (url.protocol === 'https:') return url
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return url
  if (url.protocol === 'http:')
    throw urlError(
      `Plain http is allowed only to this machine (127.0.0.1 or localhost), not to ${url.hostname}.`,
      'Use the https address of the remote archive, so the token and the files travel encrypted.',
    )
  throw urlError(`Addresses with ${url.protocol} cannot receive archives.`, 'Use an https address.')
}

/** What outboundHttp may follow for this address: https anywhere, or exactly this local http origin. */
export function linkRuleFor(url: URL): OutboundUrlRule {
  return url.protocol === 'http:' ? { allowedLoopbackOrigin: url.origin } : {}
}

/** Host and path only: what the audit log may keep of the address (a query could carry a credential). */
export function auditableAddress(url: URL): string {
  return `${url.host}${url.pathname}`
}

function urlError(message: string, hint: string): AppError {
  return new AppError({
    code: 'invalid_input',
    message: `The remote archive address cannot be used. ${message}`,
    hint,
    details: [{ fieldName: 'url', errorCode: 'invalid.value' }],
  })
}
