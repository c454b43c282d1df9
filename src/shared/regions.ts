/** Genesys Cloud regions and their domains (shared/genesys-api.md). Hosts are api.<domain> and login.<domain>. */
export const REGIONS = [
  { id: 'us-east-1', domain: 'mypurecloud.com', label: 'Americas (US East)' },
  { id: 'us-east-2', domain: 'use2.us-gov-pure.cloud', label: 'Americas (US East 2, FedRAMP)' },
  { id: 'us-west-2', domain: 'usw2.pure.cloud', label: 'Americas (US West)' },
  { id: 'ca-central-1', domain: 'cac1.pure.cloud', label: 'Americas (Canada)' },
  { id: 'sa-east-1', domain: 'sae1.pure.cloud', label: 'Americas (São Paulo)' },
  { id: 'mx-central-1', domain: 'mxc1.pure.cloud', label: 'Americas (Mexico)' },
  { id: 'eu-west-1', domain: 'mypurecloud.ie', label: 'EMEA (Dublin)' },
  { id: 'eu-west-2', domain: 'euw2.pure.cloud', label: 'EMEA (London)' },
  { id: 'eu-central-1', domain: 'mypurecloud.de', label: 'EMEA (Frankfurt)' },
  { id: 'eu-central-2', domain: 'euc2.pure.cloud', label: 'EMEA (Zurich)' },
  { id: 'eusc-de-east-1', domain: 'edee1.eusc-pure.cloud', label: 'EMEA (EU Sovereign Cloud, Germany)' },
  { id: 'me-central-1', domain: 'mec1.pure.cloud', label: 'EMEA (UAE)' },
  { id: 'ap-south-1', domain: 'aps1.pure.cloud', label: 'Asia Pacific (Mumbai)' },
  { id: 'ap-southeast-1', domain: 'apse1.pure.cloud', label: 'Asia Pacific (Jakarta)' },
  { id: 'ap-southeast-2', domain: 'mypurecloud.com.au', label: 'Asia Pacific (Sydney)' },
  { id: 'ap-northeast-1', domain: 'mypurecloud.jp', label: 'Asia Pacific (Tokyo)' },
  { id: 'ap-northeast-2', domain: 'apne2.pure.cloud', label: 'Asia Pacific (Seoul)' },
  { id: 'ap-northeast-3', domain: 'apne3.pure.cloud', label: 'Asia Pacific (Osaka)' },
] as const

export type RegionId = (typeof REGIONS)[number]['id']
export const REGION_IDS = REGIONS.map((r) => r.id) as unknown as readonly [RegionId, ...RegionId[]]

export function regionDomain(id: RegionId): string {
  const region = REGIONS.find((r) => r.id === id)
  if (!region) throw new Error(`Unknown region ${id}`)
  return region.domain
}
