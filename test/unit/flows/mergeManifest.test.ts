import { describe, expect, it } from 'vitest'
import { mergeManifest } from '../../../src/main/core/flows/archive/manifestFile'
import { ARCHIVE_MANIFEST_FORMAT, FlowArchiveManifest, type ArchivedVersion } from '../../../src/shared/contract/flows'

const sha = (n: number) => n.toString(16).padStart(64, '0')
const row = (id: string, day: number, n = day): ArchivedVersion => ({
  id,
  name: `${day}.0`,
  type: 'PUBLISH',
  datePublished: new Date(Date.UTC(2026, 0, day)).toISOString(),
  file: `configurations/${sha(n)}.json`,
  sizeBytes: 100 + n,
  sha256: sha(n),
  archivedAt: '2026-02-01T00:00:00.000Z',
})
const base = {
  org: { id: 'org-1', name: 'Org' },
  flow: { id: 'flow-1', name: 'Main IVR', type: 'INBOUNDCALL' },
}

describe('mergeManifest', () => {
  it('starts a manifest with one run, versions newest first, valid against the shared format', () => {
    const merged = mergeManifest(undefined, {
      ...base,
      runAt: '2026-02-01T00:00:00.000Z',
      rows: [row('a', 1), row('c', 3), row('b', 2)],
      now: '2026-02-01T00:01:00.000Z',
    })
    expect(FlowArchiveManifest.parse(merged)).toEqual(merged)
    expect(merged.format).toBe(ARCHIVE_MANIFEST_FORMAT)
    expect(merged.versions.map((v) => v.id)).toEqual(['c', 'b', 'a'])
    expect(merged.runs).toEqual([{ at: '2026-02-01T00:00:00.000Z', versionIds: ['a', 'c', 'b'] }])
  })

  it('adds a later run, replaces a repaired row, and keeps the rows it was not given', () => {
    const first = mergeManifest(undefined, {
      ...base,
      runAt: '2026-02-01T00:00:00.000Z',
      rows: [row('a', 1), row('b', 2)],
      now: '2026-02-01T00:01:00.000Z',
    })
    const second = mergeManifest(first, {
      ...base,
      runAt: '2026-03-01T00:00:00.000Z',
      rows: [row('d', 4), row('b', 2, 99)],
      now: '2026-03-01T00:01:00.000Z',
    })
    expect(second.versions.map((v) => [v.id, v.sha256])).toEqual([
      ['d', sha(4)],
      ['b', sha(99)],
      ['a', sha(1)],
    ])
    expect(second.runs.map((r) => [r.at, r.versionIds])).toEqual([
      ['2026-02-01T00:00:00.000Z', ['a', 'b']],
      ['2026-03-01T00:00:00.000Z', ['d', 'b']],
    ])
    expect(second.updatedAt).toBe('2026-03-01T00:01:00.000Z')
  })

  it('joins rows of the same archive (a resumed run) into its one run entry, and adds no run for no rows', () => {
    const first = mergeManifest(undefined, {
      ...base,
      runAt: '2026-02-01T00:00:00.000Z',
      rows: [row('a', 1)],
      now: '2026-02-01T00:01:00.000Z',
    })
    const resumed = mergeManifest(first, {
      ...base,
      runAt: '2026-02-01T00:00:00.000Z',
      rows: [row('a', 1), row('b', 2)],
      now: '2026-02-01T00:05:00.000Z',
    })
    expect(resumed.runs).toEqual([{ at: '2026-02-01T00:00:00.000Z', versionIds: ['a', 'b'] }])
    const nothing = mergeManifest(resumed, { ...base, runAt: '2026-04-01T00:00:00.000Z', rows: [], now: '2026-04-01T00:01:00.000Z' })
    expect(nothing.runs).toEqual(resumed.runs)
    expect(nothing.versions).toEqual(resumed.versions)
  })
})
