import { describe, expect, it } from 'vitest'
import type { DownloadView } from '../../../src/shared/contract/recordings'
import { mergeDownloadList, newerDownloadView, upsertDownload } from '../../../src/renderer/src/features/recordings/downloadViews'

const view = (id: string, revision: number, state: DownloadView['state'], saved = 0): DownloadView => ({
  id,
  revision,
  folder: '/tmp/calls',
  state,
  createdAt: '2026-11-30T12:00:00.000Z',
  counts: { total: 2, saved, skipped: 0, failed: 0, asking: 0, active: 0 },
  bytes: 0,
  batches: { submitted: 1, completed: 1 },
  transcripts: false,
  items: [],
})

describe('the view of a download a screen keeps', () => {
  it('stays the last signal’s when the answer to a decision arrives after it', () => {
    const done = view('d1', 7, 'done', 2)
    const answer = view('d1', 4, 'running')
    expect(newerDownloadView(done, answer)).toBe(done)
    const list = [done, view('d0', 1, 'done')]
    expect(upsertDownload(list, answer)).toBe(list)
  })

  it('takes a newer view in place, and puts a new download first', () => {
    const list = [view('d1', 4, 'running'), view('d0', 1, 'done')]
    expect(upsertDownload(list, view('d1', 5, 'done', 2)).map((v) => [v.id, v.state])).toEqual([
      ['d1', 'done'],
      ['d0', 'done'],
    ])
    expect(upsertDownload(list, view('d2', 1, 'queued')).map((v) => v.id)).toEqual(['d2', 'd1', 'd0'])
  })

  it('a read of the list keeps newer views the screen has, and leaves out the downloads it no longer lists', () => {
    const shown = [view('d1', 9, 'done', 2), view('d0', 1, 'done')]
    const read = [view('d1', 6, 'running'), view('d3', 2, 'queued')]
    expect(mergeDownloadList(shown, read).map((v) => [v.id, v.revision])).toEqual([
      ['d1', 9],
      ['d3', 2],
    ])
    expect(mergeDownloadList(undefined, read)).toEqual(read)
  })
})
