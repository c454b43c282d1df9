import { describe, expect, it } from 'vitest'
import type { RecordingFindView } from '../../../src/shared/contract/recordings'
import { newerFindView } from '../../../src/renderer/src/features/recordings/findViews'
import { findWaitText } from '../../../src/renderer/src/features/recordings/recordingWords'

const view = (id: string, revision: number, state: RecordingFindView['state']): RecordingFindView => ({
  id,
  revision,
  criteria: { kind: 'ids', conversationIds: ['5b8f3c1e-8a4b-4f0e-9d6a-1c2b3d4e5f60'] },
  state,
  pagesRead: 0,
  conversationsFound: 1,
  conversationsListed: state === 'done' ? 1 : 0,
  conversationsFailed: 0,
  conversations: [],
  recordings: [],
  startedAt: '2026-11-30T12:00:00.000Z',
})

describe('the view of a find a screen keeps', () => {
  it('stays the last signal’s when the answer to "find" arrives after it', () => {
    const ended = view('f1', 3, 'done')
    const answer = view('f1', 1, 'listing')
    expect(newerFindView(ended, answer)).toBe(ended)
  })

  it('takes a newer view, the first one, and one of another find', () => {
    expect(newerFindView(view('f1', 1, 'listing'), view('f1', 2, 'done')).state).toBe('done')
    expect(newerFindView(undefined, view('f1', 1, 'listing')).revision).toBe(1)
    expect(newerFindView(view('f1', 9, 'done'), view('f2', 1, 'listing')).id).toBe('f2')
  })
})

describe('a find’s wait in words', () => {
  const now = Date.parse('2026-11-30T12:00:00.000Z')
  it('counts down to the end of a rate-limit hold or a retry, then says nothing', () => {
    expect(findWaitText({ until: '2026-11-30T12:00:42.000Z', cause: 'rateLimit' }, now)).toBe(
      'Waiting 42 s for the rate limit, which every task on this connection shares.',
    )
    expect(findWaitText({ until: '2026-11-30T12:01:30.000Z', cause: 'retry', reason: 'the API asked to slow down (HTTP 429)' }, now)).toBe(
      'Waiting 1 min 30 s to retry: the API asked to slow down (HTTP 429).',
    )
    expect(findWaitText({ until: '2026-11-30T11:59:59.000Z', cause: 'rateLimit' }, now)).toBeUndefined()
  })
})
