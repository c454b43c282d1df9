import { describe, expect, it } from 'vitest'
import { draftToInput, emptyDraft, localInputValue } from '../../../src/renderer/src/features/recordings/bulk/bulkDraft'
import {
  canCancel,
  canExecute,
  estimateWords,
  outcomeWords,
  stateWords,
} from '../../../src/renderer/src/features/recordings/bulk/bulkWords'
import { replaceJob } from '../../../src/renderer/src/features/recordings/bulk/replaceJob'
import { bulkConfirmationText, type BulkJobView } from '../../../src/shared/contract/recordings'

const job = (patch: Partial<BulkJobView>): BulkJobView => ({
  id: 'j1',
  action: 'EXPORT',
  state: 'READY',
  mine: true,
  following: false,
  ...patch,
})
const NOW = Date.parse('2026-06-15T12:00:00Z')

describe('a bulk job on screen', () => {
  it('names known states in words and shows an unknown one as it comes', () => {
    expect(stateWords('PENDING')).toBe('Counting recordings')
    expect(stateWords('QUEUED_FOR_REVIEW')).toBe('QUEUED_FOR_REVIEW')
  })

  it('offers Execute only on a READY job made here, and Cancel until the job is final', () => {
    expect(canExecute(job({}))).toBe(true)
    expect(canExecute(job({ mine: false }))).toBe(false)
    expect(canExecute(job({ state: 'PENDING' }))).toBe(false)
    expect(canCancel(job({ state: 'PROCESSING' }))).toBe(true)
    expect(canCancel(job({ state: 'QUEUED_FOR_REVIEW' }))).toBe(true)
    expect(canCancel(job({ state: 'FULFILLED' }))).toBe(false)
    expect(canCancel(job({ state: 'CANCELLED' }))).toBe(false)
  })

  it('says the estimate and the outcome in counts', () => {
    expect(estimateWords(job({ state: 'PENDING' }))).toBe('Genesys Cloud is counting…')
    expect(estimateWords(job({ totalRecordings: 1234, totalConversations: 1 }))).toBe('1,234 recordings in 1 conversation')
    expect(outcomeWords(job({}))).toBeUndefined()
    expect(outcomeWords(job({ totalProcessedRecordings: 8, totalSkippedRecordings: 1, totalFailedRecordings: 2 }))).toBe(
      '8 done, 1 skipped, 2 failed',
    )
  })

  it('puts a changed job in its place and a new one first', () => {
    const list = [job({ id: 'a' }), job({ id: 'b' })]
    expect(replaceJob(list, job({ id: 'b', state: 'PROCESSING' })).map((j) => [j.id, j.state])).toEqual([
      ['a', 'READY'],
      ['b', 'PROCESSING'],
    ])
    expect(replaceJob(list, job({ id: 'c' })).map((j) => j.id)).toEqual(['c', 'a', 'b'])
  })
})

describe('the typed confirmation of a DELETE', () => {
  it('names the action and the estimated count', () => {
    expect(bulkConfirmationText('DELETE', 1234)).toBe('DELETE 1234 recordings')
    expect(bulkConfirmationText('DELETE', 1)).toBe('DELETE 1 recording')
    expect(bulkConfirmationText('DELETE', undefined)).toBeUndefined()
    expect(bulkConfirmationText('ARCHIVE', 12)).toBeUndefined()
  })
})

describe('the new-job form', () => {
  it('turns the local range into the create input', () => {
    const draft = { ...emptyDraft(NOW), action: 'ARCHIVE' as const, queueIds: ['q1'] }
    const { input, errors } = draftToInput(draft, NOW)
    expect(errors).toEqual({})
    expect(input).toMatchObject({ action: 'ARCHIVE', queueIds: ['q1'], includeScreenRecordings: true })
    expect(Date.parse(input?.to as string) - Date.parse(input?.from as string)).toBe(7 * 86_400_000)
    expect(input).not.toHaveProperty('integrationId')
    expect(input).not.toHaveProperty('actionDate')
  })

  it('asks for an S3 integration for an export, an end after the start, and a range within 5 years', () => {
    const { input, errors } = draftToInput(
      { ...emptyDraft(NOW), from: localInputValue(NOW - 6 * 365 * 86_400_000), to: localInputValue(NOW - 7 * 365 * 86_400_000) },
      NOW,
    )
    expect(input).toBeUndefined()
    expect(Object.keys(errors).sort()).toEqual(['from', 'integrationId', 'to'])
  })
})
