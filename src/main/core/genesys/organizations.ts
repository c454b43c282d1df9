import { z } from 'zod'
import type { GenesysClient } from './http'

export const OrganizationMe = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  thirdPartyOrgName: z.string().optional(),
  domain: z.string().optional(),
})
export type OrganizationMe = z.infer<typeof OrganizationMe>

/** GET /api/v2/organizations/me: who this OAuth client belongs to; the "test connection" call. */
export async function getOrganizationMe(client: GenesysClient, signal?: AbortSignal) {
  return client.request({ method: 'GET', path: '/api/v2/organizations/me', schema: OrganizationMe, signal })
}
