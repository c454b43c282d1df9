import { describe, expect, it } from 'vitest'
import type { UploadView } from '../../../src/shared/contract/uploads'
import { BatchActivity } from '../../../src/main/core/uploads/batchActivity'
import type { UploadBatch } from '../../../src/main/core/uploads/batchStore'

const T0 = Date.parse('2026-01-01T00:00:00.000Z')
const batch = (over: Partial<UploadBatch> = {}): UploadBatch => ({
  id: 'b1',
  createdAt: new Date(T0).toISOString(),
  profileId: 'p',
  profileName: 'P',
  orgName: 'O',
  metadata: { department: '', complianceTag: '', retentionDirective: '' },
  force: false,
  refused: [],
  workedMs: 0,
  ...over,
})
const rowAt = (state: UploadView['state'], ms: number): UploadView => ({
  id: 'r',
  batchId: 'b1',
  name: 'a.wav',
  path: '/a.wav',
  size: 10,
  state,
  doneBytes: 0,
  totalBytes: 10,
  sentBytes: 0,
  updatedAt: new Date(T0 + ms).toISOString(),
})

describe('the working time of a batch', () => {
  it('counts working stretches and leaves out paused time', () => {
    let now = T0
    const activity = new BatchActivity(() => now)
    activity.started('b1')
    now += 4000
    expect(activity.workedMs(batch(), [rowAt('uploading', 1000)])).toBe(4000)
    // Paused at 4 s, seen a moment later: the stretch ends when the row stopped.
    now += 300
    const paused = activity.observe(batch(), [rowAt('paused', 4000)])
    expect(paused?.workedMs).toBe(4000)
    now += 3_600_000
    expect(activity.workedMs(paused!, [rowAt('paused', 4000)])).toBe(4000)
    expect(activity.observe(paused!, [rowAt('queued', 3_604_300)])).toBeUndefined()
    now += 6000
    expect(activity.workedMs(paused!, [rowAt('uploading', 3_604_300)])).toBe(10_000)
  })

  it('does not count the time Switchboard was closed', () => {
    let now = T0 + 86_400_000
    // A new process: the batch had worked 5 s; its upload was interrupted by the restart.
    const activity = new BatchActivity(() => now)
    const kept = batch({ workedMs: 5000 })
    expect(activity.workedMs(kept, [rowAt('interrupted', 7000)])).toBe(5000)
    expect(activity.observe(kept, [rowAt('queued', 86_400_000)])).toBeUndefined()
    now += 2000
    expect(activity.workedMs(kept, [rowAt('uploading', 86_400_000)])).toBe(7000)
    expect(activity.closeAll([kept])[0].workedMs).toBe(7000)
  })

  it('leaves a batch from before the count to the old measure', () => {
    const activity = new BatchActivity(() => T0)
    expect(activity.workedMs(batch({ workedMs: undefined }), [rowAt('uploading', 0)])).toBeUndefined()
    expect(activity.observe(batch({ workedMs: undefined }), [rowAt('paused', 0)])).toBeUndefined()
  })
})
