import { uuidFrom } from './organization'

/** The admins the seeded schema versions name; their ids are what the versions' createdBy carries. */
export const SEED_USERS = {
  danaWhitfield: '6f1c2a0e-7d1b-4c55-9a2e-0b7e5d3c1a01',
  marcusOkafor: '6f1c2a0e-7d1b-4c55-9a2e-0b7e5d3c1a02',
  /** Saved a version, then left the company: the directory no longer has them (404). */
  formerAdmin: '6f1c2a0e-7d1b-4c55-9a2e-0b7e5d3c1a03',
  /** In a division the API client may not see (403, as the platform answers for a missing division permission). */
  restrictedAdmin: '6f1c2a0e-7d1b-4c55-9a2e-0b7e5d3c1a04',
} as const

export interface SandboxUser {
  id: string
  name: string
  email: string
  username: string
  state: 'active'
  division: { id: string; name: string; selfUri: string }
  version: number
  selfUri: string
}

export type UserLookup = { found: SandboxUser } | { status: 403 | 404 }

const HOME_DIVISION = {
  id: uuidFrom('division:home'),
  name: 'Home',
  selfUri: `/api/v2/authorization/divisions/${uuidFrom('division:home')}`,
}

function user(id: string, name: string): SandboxUser {
  const username = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`
  return { id, name, email: username, username, state: 'active', division: HOME_DIVISION, version: 1, selfUri: `/api/v2/users/${id}` }
}

/**
 * The sandbox org's directory: the seeded admins, the user the API client acts as (its versions carry
 * that id) and the GDPR officer; a deleted and a hidden admin so the app's fallbacks can be seen.
 */
export function userDirectory(clientId: string): (userId: string) => UserLookup {
  const users = new Map(
    [
      user(SEED_USERS.danaWhitfield, 'Dana Whitfield'),
      user(SEED_USERS.marcusOkafor, 'Marcus Okafor'),
      user(uuidFrom(`client:${clientId}`), 'Switchboard Sandbox client'),
      user(uuidFrom('gdpr-user:dpo'), 'Priya Raman'),
    ].map((u) => [u.id, u]),
  )
  return (userId) => {
    if (userId === SEED_USERS.restrictedAdmin) return { status: 403 }
    const found = users.get(userId)
    return found ? { found } : { status: 404 }
  }
}
