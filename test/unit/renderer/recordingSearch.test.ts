import { describe, expect, it } from 'vitest'
import type { RecordingFindView, RecordingRow } from '../../../src/shared/contract/recordings'
import { localInputToIso, presetRange, rangeToInstants, toLocalInput } from '../../../src/renderer/src/features/recordings/dateRange'
import { anySize, downloadableKeys, resultItems } from '../../../src/renderer/src/features/recordings/resultItems'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

describe('the date range of a search', () => {
  const now = new Date('2026-11-30T16:27:31.250Z')

  it('round-trips the admin’s local time to the same instant', () => {
    const local = toLocalInput(now)
    expect(local).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/)
    expect(localInputToIso(local)).toBe(new Date(Math.floor(now.getTime() / MINUTE) * MINUTE).toISOString())
    expect(localInputToIso('2026-11-30')).toBeUndefined()
    expect(localInputToIso('')).toBeUndefined()
  })

  it('makes "Last 7 days" the seven days up to the end of this minute', () => {
    const range = rangeToInstants(presetRange('last7', now))
    if ('problem' in range) throw new Error(range.problem)
    expect(Date.parse(range.to)).toBe(Math.ceil(now.getTime() / MINUTE) * MINUTE)
    expect(Date.parse(range.from)).toBe(Math.floor((now.getTime() - 7 * DAY) / MINUTE) * MINUTE)
  })

  it('makes "Today" start at local midnight and "Yesterday" end there', () => {
    const today = presetRange('today', now)
    const yesterday = presetRange('yesterday', now)
    expect(today.from.endsWith('T00:00')).toBe(true)
    expect(yesterday.from.endsWith('T00:00')).toBe(true)
    expect(yesterday.to).toBe(today.from)
    const hours = (Date.parse(localInputToIso(yesterday.to)!) - Date.parse(localInputToIso(yesterday.from)!)) / 3_600_000
    expect([23, 24, 25]).toContain(hours)
  })

  it('refuses a range that ends before it starts, or a missing end, naming the field', () => {
    expect(rangeToInstants({ from: '2026-11-30T10:00', to: '2026-11-30T09:00' })).toEqual({
      problem: 'The end must be after the start.',
      field: 'to',
    })
    expect(rangeToInstants({ from: '', to: '2026-11-30T09:00' })).toMatchObject({ field: 'from' })
  })
})

describe('the rows of the results table', () => {
  const cid = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`
  const row = (conversation: number, recordingId: string, startTime: string, extra: Partial<RecordingRow> = {}): RecordingRow => ({
    conversationId: cid(conversation),
    recordingId,
    media: 'audio',
    fileState: 'AVAILABLE',
    startTime,
    actions: ['link', 'download', 'transcript'],
    ...extra,
  })
  const view: RecordingFindView = {
    id: 'f1',
    revision: 1,
    criteria: { kind: 'ids', conversationIds: [cid(1), cid(2), cid(3)] },
    state: 'done',
    pagesRead: 0,
    conversationsFound: 3,
    conversationsListed: 3,
    conversationsFailed: 1,
    conversations: [
      { conversationId: cid(2), queueIds: ['q-billing'], queueNames: ['Billing'] },
      {
        conversationId: cid(1),
        queueIds: [],
        queueNames: [],
        error: {
          name: 'AppError',
          code: 'forbidden',
          message: 'Forbidden',
          hint: 'Ask for recording:recording:view',
          correlationId: 'c-1',
        },
      },
      { conversationId: cid(3), queueIds: [], queueNames: [] },
    ],
    recordings: [
      row(2, 'r-late', '2026-11-29T10:05:00Z'),
      row(3, 'r-gone', '2026-11-29T11:00:00Z', { fileState: 'PENDING_PURGE', actions: [], unavailableReason: 'Being purged' }),
      row(2, 'r-early', '2026-11-29T10:00:00Z'),
    ],
    startedAt: '2026-11-30T00:00:00Z',
  }

  it('keeps the find’s conversation order, sorts each one’s recordings by start, and shows listing failures in place', () => {
    const items = resultItems(view)
    expect(items.map((i) => i.id)).toEqual([`${cid(2)}/r-early`, `${cid(2)}/r-late`, `failed/${cid(1)}`, `${cid(3)}/r-gone`])
    const failed = items[2]
    expect(failed.kind === 'listing-failed' && failed.conversation.error.correlationId).toBe('c-1')
  })

  it('offers one transcript button per conversation and selects only downloadable recordings', () => {
    const items = resultItems(view)
    expect(items.map((i) => i.kind === 'recording' && i.transcriptHere)).toEqual([true, false, false, false])
    expect(downloadableKeys(items)).toEqual([`${cid(2)}/r-early`, `${cid(2)}/r-late`])
  })

  it('keeps a recording with a file state this version does not know', () => {
    const gone = resultItems(view).find((i) => i.id.endsWith('r-gone'))
    expect(gone?.kind === 'recording' && gone.row.fileState).toBe('PENDING_PURGE')
  })

  it('shows the Size column only when some recording has a size (recordingmetadata usually gives none)', () => {
    expect(anySize(resultItems(view))).toBe(false)
    const sized = { ...view, recordings: [...view.recordings, row(3, 'r-sized', '2026-11-29T11:05:00Z', { sizeBytes: 1234 })] }
    expect(anySize(resultItems(sized))).toBe(true)
  })
})
