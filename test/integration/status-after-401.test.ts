import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StatusSnapshot } from '../../src/shared/api'
import { startCoreSession, type CoreSession } from './helpers/coreSession'

let session: CoreSession

beforeAll(async () => {
  session = await startCoreSession()
})

afterAll(async () => {
  await session.close()
})

/** The next status.changed whose connection is `state` (the tracker publishes a 401 at once). */
function nextStatus(state: StatusSnapshot['connection']): Promise<StatusSnapshot> {
  return new Promise((resolve) => {
    const off = session.core.on('status.changed', (snapshot) => {
      if (snapshot.connection !== state) return
      off()
      resolve(snapshot)
    })
  })
}

describe('the status bar follows the last real answer of the active profile', () => {
  it('a 401 on any call (not a connection test) shows as "Sign-in refused (401)", with its time and a hint', async () => {
    const refused = nextStatus('error')
    session.sandbox.setFaults({ signInRefusalRate: 1 })
    await expect(session.core.handlers['schemas.list']({})).rejects.toMatchObject({ status: 401 })

    const snapshot = await refused
    expect(snapshot.connectionError).toMatchObject({ code: 'unauthorized', status: 401, message: 'Sign-in refused (401)' })
    expect(snapshot.connectionError?.hint).toMatch(/client id and secret in Connections/)
    expect(Number.isNaN(Date.parse(snapshot.connectionCheckedAt ?? ''))).toBe(false)
    expect((await session.core.handlers['status.get']({})).connection).toBe('error')
  })

  it('the next answered call turns it back to Connected', async () => {
    const connected = nextStatus('connected')
    session.sandbox.setFaults({})
    await session.core.handlers['schemas.list']({})
    const snapshot = await connected
    expect(snapshot.connectionError).toBeUndefined()
  })
})
