/**
 * The bearer token goes only to its own host: a prompt's uploadUri is followed with the token when its
 * origin is the connection's API origin or the region's apps host (https://apps.<region domain>), where
 * Architect hands out upload links. Any other link is refused before a byte or the token leaves.
 */
import { regionDomain, type RegionId } from '../../../../shared/regions'
import { AppError } from '../../../../shared/errors'

export interface UploadConnection {
  apiBase: string
  /** 'sandbox' has no apps host: only its API origin is allowed. */
  region: RegionId | 'sandbox'
}

export function allowedUploadOrigins(connection: UploadConnection): string[] {
  const origins = [new URL(connection.apiBase).origin]
  if (connection.region !== 'sandbox') origins.push(`https://apps.${regionDomain(connection.region)}`)
  return origins
}

/** The uploadUri as a URL when the token may go there; else an AppError saying where it pointed. */
export function assertUploadOrigin(uploadUri: string, allowed: readonly string[]): URL {
  let url: URL
  try {
    url = new URL(uploadUri)
  } catch {
    throw refused('it is not a valid address')
  }
  if (url.username || url.password) throw refused('it carries a user name or password')
  if (!allowed.includes(url.origin)) throw refused(`it points to ${url.origin}, not to this org's API (${allowed.join(' or ')})`)
  return url
}

function refused(reason: string): AppError {
  return new AppError({
    code: 'server_error',
    message: `Refused to send the audio and the access token to the prompt's upload address: ${reason}.`,
    hint: 'Nothing was sent there. If this org is reached through a gateway, check its setup; otherwise give support the correlation id of the resource call from the audit log.',
  })
}
