import { describe, expect, it } from 'vitest'
import { RETENTION_POLICY_DEFAULTS } from '../../../src/shared/contract/flows'
import { selectVersionsByPolicy } from '../../../src/shared/flowRetention'

const NOW = Date.parse('2026-12-01T12:00:00.000Z')
const DAY = 24 * 60 * 60 * 1000
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString()

/** Newest first as the platform lists them; one a day, types cycling PUBLISH, CHECKIN, SAVE. */
const history = Array.from({ length: 30 }, (_, i) => ({
  id: `v${30 - i}`,
  type: ['PUBLISH', 'CHECKIN', 'SAVE'][i % 3],
  when: daysAgo(i * 2),
}))

describe('selectVersionsByPolicy', () => {
  it('keeps published versions of the window, newest first, by default', () => {
    const chosen = selectVersionsByPolicy(history, { ...RETENTION_POLICY_DEFAULTS, lastDays: 20 }, NOW)
    expect(chosen.map((v) => v.id)).toEqual(['v30', 'v27', 'v24', 'v21'])
    expect(chosen.every((v) => v.type === 'PUBLISH')).toBe(true)
  })

  it('takes every type when publishedOnly is off, and at most maxVersions of the newest', () => {
    const chosen = selectVersionsByPolicy(history, { lastDays: 3650, maxVersions: 5, publishedOnly: false }, new Date(NOW))
    expect(chosen.map((v) => v.id)).toEqual(['v30', 'v29', 'v28', 'v27', 'v26'])
  })

  it('counts the window from now: a version exactly N days old is in, one a millisecond older is out', () => {
    const versions = [
      { id: 'edge', type: 'PUBLISH', when: daysAgo(10) },
      { id: 'older', type: 'PUBLISH', when: new Date(NOW - 10 * DAY - 1).toISOString() },
    ]
    expect(selectVersionsByPolicy(versions, { lastDays: 10, maxVersions: 10, publishedOnly: true }, NOW).map((v) => v.id)).toEqual(['edge'])
  })

  it('sorts by date whatever the given order, keeps the given order for equal dates, and leaves out undated versions', () => {
    const versions = [
      { id: 'b', type: 'SAVE', when: daysAgo(5) },
      { id: 'undated', type: 'SAVE' },
      { id: 'bad-date', type: 'SAVE', when: 'not a date' },
      { id: 'a', type: 'SAVE', when: daysAgo(1) },
      { id: 'b2', type: 'SAVE', when: daysAgo(5) },
    ]
    const chosen = selectVersionsByPolicy(versions, { lastDays: 30, maxVersions: 10, publishedOnly: false }, NOW)
    expect(chosen.map((v) => v.id)).toEqual(['a', 'b', 'b2'])
  })

  it('keeps unknown version types when all types are wanted, never when only published ones are', () => {
    const versions = [{ id: 'x', type: 'DEBUG_SNAPSHOT', when: daysAgo(1) }]
    expect(selectVersionsByPolicy(versions, { lastDays: 30, maxVersions: 10, publishedOnly: false }, NOW)).toHaveLength(1)
    expect(selectVersionsByPolicy(versions, { lastDays: 30, maxVersions: 10, publishedOnly: true }, NOW)).toHaveLength(0)
  })
})
