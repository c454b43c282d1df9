/**
 * The newest find, asked for by a screen that was reloaded (its in-memory state gone): none before any
 * find, then always the one started last, with its results, through the real core and sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCoreSession, type CoreSession } from './helpers/coreSession'
import { call } from './helpers/privacySession'
import { findToEnd } from './helpers/recordingFindSession'

let session: CoreSession
let seeded: string[]

beforeAll(async () => {
  session = await startCoreSession({ rateLimitPerMinute: 100_000 })
  seeded = session.sandbox.recordings.conversations().map((c) => c.id)
})
afterAll(() => session.close())

describe('the latest find', () => {
  it('is none before any find, then the newest one with its recordings', async () => {
    expect(await call(session.core, 'recordings.find.latest', {})).toEqual({ find: null })

    const first = await findToEnd(session.core, { kind: 'ids', conversationIds: seeded.slice(0, 2) })
    expect((await call(session.core, 'recordings.find.latest', {})).find?.id).toBe(first.id)

    const second = await findToEnd(session.core, { kind: 'ids', conversationIds: seeded.slice(2, 5) })
    const latest = (await call(session.core, 'recordings.find.latest', {})).find
    expect(latest).toMatchObject({ id: second.id, state: 'done', conversationsFound: 3 })
    expect(latest?.recordings.length).toBe(second.recordings.length)
    expect(latest?.recordings.length).toBeGreaterThan(0)
    // The older one is still there by its id.
    expect((await call(session.core, 'recordings.find.get', { id: first.id })).id).toBe(first.id)
  })
})
