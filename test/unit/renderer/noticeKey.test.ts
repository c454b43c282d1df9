import { describe, expect, it } from 'vitest'
import { noticeKey, withDismissal } from '../../../src/renderer/src/ui/frame/noticeKey'

const interrupted = {
  id: 'jobs-interrupted',
  level: 'warning' as const,
  message: '2 job(s) were interrupted when Switchboard last stopped.',
  hint: 'Choose "Resume all".',
  jobIds: ['b', 'a'],
}

describe('notice dismissals', () => {
  it('are keyed by id and content: the same notice keeps its key, one of the same kind with other content does not', () => {
    expect(noticeKey(interrupted)).toBe(noticeKey({ ...interrupted, jobIds: ['a', 'b'] }))
    expect(noticeKey(interrupted)).toMatch(/^jobs-interrupted#[0-9a-f]{8}$/)
    expect(noticeKey({ ...interrupted, jobIds: ['c'] })).not.toBe(noticeKey(interrupted))
    expect(noticeKey({ ...interrupted, message: '1 job(s) were interrupted when Switchboard last stopped.' })).not.toBe(
      noticeKey(interrupted),
    )
    expect(noticeKey({ ...interrupted, id: 'other' })).not.toBe(noticeKey(interrupted))
  })

  it('keep the newest keys only, without repeats', () => {
    expect(withDismissal(['a', 'b'], 'a')).toEqual(['b', 'a'])
    expect(withDismissal(['a', 'b', 'c'], 'd', 3)).toEqual(['b', 'c', 'd'])
  })
})
