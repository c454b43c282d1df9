import { regionDomain, type RegionId } from './regions'

export interface ProfileHosts {
  apiBase: string
  loginBase: string
}

/** Where a profile's calls go: the gateway URL for both when set, else the region's api. and login. hosts. */
export function profileHosts(profile: { region: RegionId; gatewayUrl?: string }): ProfileHosts {
  if (profile.gatewayUrl) return { apiBase: profile.gatewayUrl, loginBase: profile.gatewayUrl }
  const domain = regionDomain(profile.region)
  return { apiBase: `https://api.${domain}`, loginBase: `https://login.${domain}` }
}

/**
 * The origin (scheme, host, port) that receives the client secret: a stored secret is bound to it.
 * An address that is not a URL is returned as typed, so it never equals a real origin.
 */
export function tokenOriginOf(loginBase: string): string {
  try {
    return new URL(loginBase).origin
  } catch {
    return loginBase
  }
}
