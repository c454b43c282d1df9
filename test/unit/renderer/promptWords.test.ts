import { describe, expect, it } from 'vitest'
import type { PlanItem, PromptUploadView } from '../../../src/shared/contract/prompts'
import {
  batchCounts,
  itemsToSend,
  localRefusal,
  newerUpload,
  startChoices,
  stateWord,
  uploadStatusWord,
} from '../../../src/renderer/src/features/prompts/promptWords'

const item = (key: string, action: PlanItem['action']): PlanItem => ({
  key,
  path: `/p/${key}.wav`,
  fileName: `${key}.wav`,
  size: 1000,
  promptName: key.split('.')[0],
  language: 'en-us',
  source: 'file-name',
  action,
})

describe('the review before Start', () => {
  const items = [item('a', 'create'), item('b', 'add-language'), item('c', 'replace'), item('d', 'replace'), item('e', 'refused')]

  it('replaces only the items chosen; the other replace items are skipped by the batch, not left out', () => {
    expect(startChoices(items, { c: 'replace', d: 'skip' }, new Set())).toEqual({ replace: ['c'], exclude: [] })
    expect(itemsToSend(items, { c: 'replace', d: 'skip' }, new Set())).toBe(3)
    // Unanswered means skip: nothing is replaced unless the admin said so.
    expect(startChoices(items, {}, new Set())).toEqual({ replace: [], exclude: [] })
    expect(itemsToSend(items, {}, new Set())).toBe(2)
  })

  it('leaves out what the admin unticked, replace items too; refused items are never sent nor excluded', () => {
    expect(startChoices(items, { c: 'replace' }, new Set(['a', 'c', 'e']))).toEqual({ replace: [], exclude: ['a', 'c'] })
    expect(itemsToSend(items, { c: 'replace' }, new Set(['a', 'c', 'e']))).toBe(1)
  })
})

describe('files refused in the page before any byte is sent', () => {
  it('takes .wav and .csv within 25 MB and says why otherwise', () => {
    expect(localRefusal('welcome_message.en-us.WAV', 25_000_000)).toBeUndefined()
    expect(localRefusal('prompts.csv', 200)).toBeUndefined()
    expect(localRefusal('notes.txt', 10)).toBe('Not a .wav prompt or a .csv manifest')
    expect(localRefusal('long.wav', 25_000_001)).toMatch(/^23\.8 MB: over Architect's limit of 23\.8 MB a file$/)
  })
})

describe('upload rows', () => {
  const view = (revision: number, state: PromptUploadView['state']): PromptUploadView => ({
    id: 'job-1',
    batchId: 'b',
    path: '/p',
    fileName: 'a.wav',
    promptName: 'a',
    language: 'en-us',
    state,
    replaced: false,
    doneBytes: 0,
    totalBytes: 10,
    revision,
  })

  it('keeps the higher revision whatever order the signal and the list answer arrive in', () => {
    expect(newerUpload(view(5, 'transcoded'), view(3, 'uploading')).state).toBe('transcoded')
    expect(newerUpload(view(3, 'uploading'), view(5, 'transcoded')).state).toBe('transcoded')
    expect(newerUpload(undefined, view(1, 'queued')).state).toBe('queued')
  })

  it('counts the batch from its rows', () => {
    const counts = batchCounts([view(1, 'transcoded'), view(1, 'uploading'), view(1, 'paused'), view(1, 'transcodeFailed')])
    expect(counts).toMatchObject({ total: 4, transcoded: 1, active: 1, paused: 1, transcodeFailed: 1, failed: 0 })
  })

  it('shows a state or upload status the platform adds later as it came', () => {
    expect(stateWord('transcodeFailed')).toBe('Transcode failed')
    expect(stateWord('archived')).toBe('archived')
    expect(uploadStatusWord('transcoded')).toBe('Transcoded')
    expect(uploadStatusWord('quarantined')).toBe('quarantined')
    expect(uploadStatusWord(undefined)).toBe('No status')
  })
})
