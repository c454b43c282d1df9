import { regionDomain, type RegionId } from '../../../shared/regions'

export interface GenesysEndpoints {
  /** Base of the Platform API: paths start with /api/v2. */
  apiBase: string
  /** Base of the OAuth server: POST {loginBase}/oauth/token. */
  loginBase: string
}

/** A real region maps to api.<domain> and login.<domain>; the Sandbox org serves both from one address. */
export function endpointsFor(target: RegionId | { sandboxUrl: string }): GenesysEndpoints {
  if (typeof target === 'object') {
    const base = target.sandboxUrl.replace(/\/+$/, '')
    return { apiBase: base, loginBase: base }
  }
  const domain = regionDomain(target)
  return { apiBase: `https://api.${domain}`, loginBase: `https://login.${domain}` }
}
