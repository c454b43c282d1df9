/** Who an audit entry is about: the profile's name and the org's name ('' when no org is involved or known). */
export interface AuditScope {
  profile: string
  org: string
}

/** Entries the app writes about itself (the log, its exports, app settings). */
export const SYSTEM_PROFILE = 'switchboard'

/** No org is involved: '' (never a placeholder like '-', which would show as an org in filters and rows). */
export const SYSTEM_SCOPE: Readonly<AuditScope> = Object.freeze({ profile: SYSTEM_PROFILE, org: '' })

/** Entries written before SYSTEM_SCOPE said '' named the org '-'; they are in the chain and stay as written. */
export function isLegacySystemOrg(profile: string, org: string): boolean {
  return profile === SYSTEM_PROFILE && org === '-'
}
