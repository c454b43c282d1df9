import { describe, expect, it } from 'vitest'
import type { UploadsSnapshot, UploadView } from '../../../src/shared/contract/uploads'
import { UPLOAD_SETTINGS_DEFAULTS } from '../../../src/shared/contract/uploads'
import { ChangesDuringList, type SnapshotChange } from '../../../src/renderer/src/features/uploads/changesDuringList'

const row = (state: UploadView['state']): UploadView => ({
  id: 'job-1',
  batchId: 'batch-1',
  name: 'tone.mp3',
  path: '/tmp/tone.mp3',
  size: 2560,
  state,
  doneBytes: 2560,
  totalBytes: 2560,
  sentBytes: 0,
  updatedAt: '2026-01-01T00:00:00.000Z',
})
const snapshot = (rows: UploadView[]): UploadsSnapshot => ({ batches: [], rows, settings: UPLOAD_SETTINGS_DEFAULTS })
const setRow =
  (next: UploadView): SnapshotChange =>
  (s) => ({ ...s, rows: [...s.rows.filter((r) => r.id !== next.id), next] })

/** A list call whose answer the test hands over when it chooses. */
function listCallOut(): { fetchList: () => Promise<UploadsSnapshot>; answer: (s: UploadsSnapshot) => void } {
  let answer!: (s: UploadsSnapshot) => void
  const answered = new Promise<UploadsSnapshot>((resolve) => (answer = resolve))
  return { fetchList: () => answered, answer }
}

describe('a list answer that reaches the page after newer changes', () => {
  it('keeps the changes that arrived while it was on its way: a row it saw confirming stays skipped', async () => {
    const changes = new ChangesDuringList()
    const call = listCallOut()
    const listed = changes.list(call.fetchList)
    changes.note(setRow(row('skipped')))
    call.answer(snapshot([row('confirming')]))
    expect((await listed).rows.map((r) => r.state)).toEqual(['skipped'])
  })

  it('applies them in the order they came, and forgets them once the answer is in', async () => {
    const changes = new ChangesDuringList()
    const first = listCallOut()
    const listed = changes.list(first.fetchList)
    changes.note(setRow(row('hashing')))
    changes.note(setRow(row('done')))
    first.answer(snapshot([row('queued')]))
    expect((await listed).rows.map((r) => r.state)).toEqual(['done'])

    changes.note(setRow(row('failed'))) // before the next call: that call's answer already has it
    const second = listCallOut()
    const relisted = changes.list(second.fetchList)
    second.answer(snapshot([row('done')]))
    expect((await relisted).rows.map((r) => r.state)).toEqual(['done'])
  })

  it('gives each call still out the changes since that call was made', async () => {
    const changes = new ChangesDuringList()
    const early = listCallOut()
    const late = listCallOut()
    const earlyListed = changes.list(early.fetchList)
    changes.note(setRow(row('hashing')))
    const lateListed = changes.list(late.fetchList)
    changes.note(setRow(row('skipped')))
    late.answer(snapshot([row('hashing')]))
    early.answer(snapshot([row('queued')]))
    expect((await earlyListed).rows.map((r) => r.state)).toEqual(['skipped'])
    expect((await lateListed).rows.map((r) => r.state)).toEqual(['skipped'])
  })

  it('keeps nothing after a call that failed', async () => {
    const changes = new ChangesDuringList()
    await expect(changes.list(() => Promise.reject(new Error('web shell unreachable')))).rejects.toThrow('unreachable')
    changes.note(setRow(row('done')))
    const call = listCallOut()
    const listed = changes.list(call.fetchList)
    call.answer(snapshot([row('queued')]))
    expect((await listed).rows.map((r) => r.state)).toEqual(['queued'])
  })
})
