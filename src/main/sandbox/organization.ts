import { createHash } from 'node:crypto'

export interface Organization {
  id: string
  name: string
  defaultLanguage: string
  defaultCountryCode: string
  thirdPartyOrgName: string
  thirdPartyURI: string
  domain: string
  version: number
  state: 'active'
  defaultSiteId: string
  supportURI: string
  voicemailEnabled: boolean
  productPlatform: string
  selfUri: string
  features: Record<string, boolean>
}

/** The sandbox's org. Its id derives from its name, so it stays the same across restarts. */
export function createOrganization(name: string): Organization {
  const id = uuidFrom(`org:${name}`)
  const shortName =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'sandbox'
  return {
    id,
    name,
    defaultLanguage: 'en-us',
    defaultCountryCode: 'US',
    thirdPartyOrgName: shortName,
    thirdPartyURI: '',
    domain: shortName,
    version: 1,
    state: 'active',
    defaultSiteId: uuidFrom(`site:${name}`),
    supportURI: '',
    voicemailEnabled: true,
    productPlatform: 'PureCloud',
    selfUri: `/api/v2/organizations/${id}`,
    features: {
      realtimeCIC: false,
      purecloud: true,
      hipaa: false,
      ucEnabled: false,
      pci: false,
      purecloudVoice: true,
      xmppFederation: false,
      chat: true,
      informalPhotos: true,
      directory: true,
      contactCenter: true,
      unifiedCommunications: true,
      custserv: true,
    },
  }
}

/** A stable, uuid-shaped id from a text (name-based, like a UUID v5). */
export function uuidFrom(text: string): string {
  const hex = createHash('sha1').update(text).digest('hex')
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
