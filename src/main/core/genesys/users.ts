import { z } from 'zod'
import type { GenesysClient } from './http'

/** The part of a User the app shows; the platform sends much more (shared/genesys-api.md, Users). */
export const GenesysUser = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
})
export type GenesysUser = z.infer<typeof GenesysUser>

/** GET /api/v2/users/{userId} (directory:user:view): who a createdBy id is. */
export async function getUser(client: GenesysClient, userId: string, signal?: AbortSignal) {
  return client.request({ method: 'GET', path: `/api/v2/users/${encodeURIComponent(userId)}`, schema: GenesysUser, signal })
}
