import { describe, expect, it } from 'vitest'
import type { UploadView } from '../../../src/shared/contract/uploads'
import type { StoredJob } from '../../../src/main/core/jobs'
import { summarize, toUploadView } from '../../../src/main/core/uploads/uploadViews'
import type { UploadBatch } from '../../../src/main/core/uploads/batchStore'

const params = {
  batchId: 'b1',
  profileId: 'sandbox',
  path: '/x/a.wav',
  name: 'a.wav',
  size: 1000,
  type: 'wav',
  metadata: { department: '', complianceTag: '', retentionDirective: '' },
  force: false,
}
const job = (over: Partial<StoredJob>): StoredJob => ({
  id: 'j1',
  kind: 'recording.upload',
  title: 'a.wav',
  state: 'queued',
  params,
  progress: {},
  attempts: 0,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...over,
})

describe('toUploadView', () => {
  it('takes the row state from the running step', () => {
    expect(
      toUploadView(
        job({ state: 'running', progress: { step: 'hashing', doneBytes: 10, totalBytes: 1000, bytesPerSecond: 5, etaSeconds: 198 } }),
      ),
    ).toMatchObject({ state: 'hashing', doneBytes: 10, bytesPerSecond: 5, etaSeconds: 198 })
    expect(toUploadView(job({ state: 'running', progress: { step: 'uploading' } })).state).toBe('uploading')
    expect(toUploadView(job({ state: 'running', progress: {} })).state).toBe('queued')
    expect(toUploadView(job({ state: 'interrupted' })).state).toBe('interrupted')
  })

  it('believes the checkpoint over the job state: a file uploaded as it was cancelled is done', () => {
    const view = toUploadView(
      job({ state: 'cancelled', checkpoint: { stage: 'done', outcome: 'uploaded', size: 1000, uploadKey: 'k', sha256: 'f'.repeat(64) } }),
    )
    expect(view).toMatchObject({ state: 'done', uploadKey: 'k', doneBytes: 1000 })
  })

  it('explains a skipped duplicate', () => {
    const view = toUploadView(
      job({
        state: 'done',
        checkpoint: {
          stage: 'done',
          outcome: 'skipped',
          size: 1000,
          duplicateOf: { uploadKey: 'k0', fileName: 'first.wav', uploadedAt: '2025-03-04T05:06:07.000Z' },
        },
      }),
    )
    expect(view.skipReason).toBe('Already uploaded to this org (as first.wav on 2025-03-04, upload key k0).')
  })
})

describe('summarize', () => {
  const batch: UploadBatch = {
    id: 'b1',
    createdAt: '2025-01-01T00:00:00.000Z',
    profileId: 'p',
    profileName: 'P',
    orgName: 'O',
    metadata: params.metadata,
    force: false,
    refused: [{ path: '/x/p.wav', name: 'p.wav', size: 5, message: 'content is PNG, not WAV', hint: '' }],
  }
  const row = (state: UploadView['state'], size: number, at: string): UploadView => ({
    id: state + at,
    batchId: 'b1',
    name: 'n',
    path: '/n',
    size,
    state,
    doneBytes: 0,
    totalBytes: size,
    sentBytes: state === 'done' ? size : 0,
    updatedAt: at,
  })

  it('counts each outcome and measures bytes, duration and speed of a finished batch', () => {
    const rows = [
      row('done', 4000, '2025-01-01T00:00:02.000Z'),
      row('done', 6000, '2025-01-01T00:00:04.000Z'),
      row('skipped', 100, '2025-01-01T00:00:01.000Z'),
      row('failed', 7, '2025-01-01T00:00:03.000Z'),
    ]
    expect(summarize(batch, rows, Date.parse('2025-01-01T01:00:00.000Z'))).toEqual({
      files: 5,
      uploaded: 2,
      skipped: 1,
      failed: 1,
      refused: 1,
      cancelled: 0,
      unfinished: 0,
      bytesUploaded: 10_000,
      bytesSent: 10_000,
      bytesTotal: 10_107,
      durationMs: 4000,
      averageBytesPerSecond: 2500,
    })
  })

  it('runs the clock while anything is unfinished', () => {
    const s = summarize(batch, [row('uploading', 10, '2025-01-01T00:00:01.000Z')], Date.parse('2025-01-01T00:00:30.000Z'))
    expect(s).toMatchObject({ unfinished: 1, durationMs: 30_000 })
  })
})
