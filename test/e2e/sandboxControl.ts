import { expect } from '@playwright/test'
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from '../../src/main/sandbox'

/** Replaces the Sandbox's faults (an empty object turns them all off). */
export async function setSandboxFaults(sandboxUrl: string, faults: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${sandboxUrl}/__sandbox/faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(faults),
  })
  expect(response.status).toBe(200)
}

/** A token of the demo client, for acting on the Sandbox's API behind the app's back (another admin, another tool). */
export async function sandboxToken(sandboxUrl: string): Promise<string> {
  const login = await fetch(`${sandboxUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${DEMO_CLIENT_ID}:${DEMO_CLIENT_SECRET}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  })
  expect(login.status).toBe(200)
  const { access_token: token } = (await login.json()) as { access_token: string }
  return token
}
