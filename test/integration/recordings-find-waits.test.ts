/**
 * What a screen needs to follow a find without ever sitting silent, through the real core and sandbox:
 * every view it is handed (answer or change signal) is numbered, so it can keep the newest whichever
 * arrives first; and while the find's requests wait for the rate limit or to retry, the view says
 * until when.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { manualClock } from '../../src/main/sandbox'
import type { RecordingFindView } from '../../src/shared/contract/recordings'
import { startCoreSession, type CoreSession } from './helpers/coreSession'
import { call } from './helpers/privacySession'
import { waitForFind } from './helpers/recordingFindSession'

let session: CoreSession
let seeded: string[]

beforeAll(async () => {
  // The sandbox's clock stands still: a spent rate-limit window stays spent until the test lifts the limit.
  session = await startCoreSession({ rateLimitPerMinute: 100_000, clock: manualClock() })
  seeded = session.sandbox.recordings.conversations().map((c) => c.id)
})
afterAll(() => session.close())
afterEach(() => {
  session.sandbox.setFaults({})
  session.sandbox.setOptions({ rateLimitPerMinute: 100_000 })
})

/** Every change signal of every find, in the order the core sent them. */
function recordSignals(): { views: RecordingFindView[]; stop: () => void } {
  const views: RecordingFindView[] = []
  const stop = session.core.on('recordings.find.changed', (view) => views.push(view))
  return { views, stop }
}

describe('the views of a find', () => {
  it('are numbered in the order they were made: the answer to "find" is older than the signals after it', async () => {
    const signals = recordSignals()
    const started = await call(session.core, 'recordings.find', { kind: 'ids', conversationIds: seeded.slice(0, 2) })
    const ended = await waitForFind(session.core, started.id, (view) => view.finishedAt !== undefined)
    signals.stop()
    const mine = signals.views.filter((view) => view.id === started.id)
    const last = mine.at(-1)
    expect(last).toMatchObject({ state: 'done', conversationsListed: 2 })
    // A screen keeps the view with the highest number: the answer must never outrank the last signal.
    expect(last!.revision).toBeGreaterThan(started.revision)
    const numbers = mine.map((view) => view.revision)
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b))
    expect(new Set(numbers).size).toBe(numbers.length)
    // A read afterwards is newer still, and says the same.
    const read = await call(session.core, 'recordings.find.get', { id: started.id })
    expect(read.revision).toBeGreaterThan(ended.revision)
    expect(read).toMatchObject({ state: 'done', recordings: last!.recordings })
  })
})

describe('a find waiting on the API', () => {
  it('says how long it waits to retry after a 429, then lists once the API answers', async () => {
    session.sandbox.setFaults({ rateLimitBurstRate: 1, retryAfterSeconds: 3, routes: 'recordingmetadata$' })
    const before = Date.now()
    const started = await call(session.core, 'recordings.find', { kind: 'ids', conversationIds: [seeded[2]] })
    const waiting = await waitForFind(session.core, started.id, (view) => view.waiting !== undefined)
    expect(waiting).toMatchObject({ state: 'listing', conversationsListed: 0, waiting: { cause: 'retry' } })
    expect(waiting.waiting?.reason).toContain('429')
    // Until the Retry-After has passed, counted from when the 429 came.
    const until = Date.parse(waiting.waiting!.until)
    expect(until).toBeGreaterThanOrEqual(before + 3_000)
    expect(until).toBeLessThanOrEqual(Date.now() + 3_000)
    session.sandbox.setFaults({})
    const ended = await waitForFind(session.core, started.id, (view) => view.finishedAt !== undefined)
    expect(ended).toMatchObject({ state: 'done', conversationsListed: 1 })
    expect(ended.waiting).toBeUndefined()
  })

  it('says it waits for the rate limit when other work has spent the budget, and can be cancelled meanwhile', async () => {
    // Every answer from now on says the window's budget is spent; the first find's 429 holds the shared pacer.
    session.sandbox.setOptions({ rateLimitPerMinute: 1 })
    const before = Date.now()
    const other = await call(session.core, 'recordings.find', { kind: 'ids', conversationIds: [seeded[3]] })
    await waitForFind(session.core, other.id, (view) => view.waiting !== undefined)

    const started = await call(session.core, 'recordings.find', { kind: 'ids', conversationIds: [seeded[4]] })
    const waiting = await waitForFind(session.core, started.id, (view) => view.waiting !== undefined)
    expect(waiting).toMatchObject({ state: 'listing', conversationsListed: 0, waiting: { cause: 'rateLimit' } })
    // The sandbox's window (its clock stands still) resets 60 s after the 429: the hold lasts that long.
    const until = Date.parse(waiting.waiting!.until)
    expect(until).toBeGreaterThanOrEqual(before + 60_000)
    expect(until).toBeLessThanOrEqual(Date.now() + 60_000)
    // Waiting requests are let go at once: both finds say they are cancelled, not still listing.
    for (const id of [started.id, other.id]) {
      expect((await call(session.core, 'recordings.find.cancel', { id })).state).toBe('cancelled')
    }
  })
})
