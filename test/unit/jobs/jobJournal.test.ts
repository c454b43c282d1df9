import { describe, expect, it } from 'vitest'
import { JobState } from '../../../src/shared/api'
import { parseJournalLine, putRecord } from '../../../src/main/core/jobs/jobJournal'
import type { StoredJob } from '../../../src/main/core/jobs/jobTypes'

const job = (state: string): StoredJob =>
  ({
    id: 'j1',
    kind: 'test',
    title: 'A job',
    state,
    params: {},
    progress: {},
    attempts: 0,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  }) as StoredJob

describe('job journal states', () => {
  it('reads back a job in every state the contract lists', () => {
    expect(JobState.options).toContain('interrupted')
    for (const state of JobState.options) expect(parseJournalLine(putRecord(job(state)))).toMatchObject({ op: 'put', job: { state } })
  })

  it('refuses a stored job whose state the contract does not list', () => {
    expect(parseJournalLine(putRecord(job('sleeping')))).toBeUndefined()
  })
})
