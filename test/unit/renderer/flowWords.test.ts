import { describe, expect, it } from 'vitest'
import { FLOW_TYPES, type ArchiveView, type ExportView, type VerifyProblem } from '../../../src/shared/contract/flows'
import {
  archiveCountsText,
  archivePercent,
  archivePhase,
  authorText,
  compareSideText,
  diffCountsText,
  exportStepStates,
  flowTypeText,
  isKnownFlowType,
  movedText,
  nothingNewText,
  policyText,
  valueText,
  remoteText,
  verifyProblemCountsText,
  verifySummaryText,
  versionOptionText,
  versionTypeText,
  versionTypeTone,
} from '../../../src/renderer/src/features/flows/flowWords'
import { formatDate } from '../../../src/renderer/src/ui/format'

describe('flow and version types in words', () => {
  it('names every type the platform filters by, in words, never the raw value', () => {
    for (const type of FLOW_TYPES) {
      expect(isKnownFlowType(type), type).toBe(true)
      expect(flowTypeText(type), type).not.toBe(type)
      expect(flowTypeText(type), type).toMatch(/^[A-Z][a-z-]+( [a-z]+)*$/)
    }
    expect(new Set(FLOW_TYPES.map(flowTypeText)).size).toBe(FLOW_TYPES.length)
  })

  it('reads the Flow model’s upper case as well as the filter’s lower case', () => {
    expect(flowTypeText('INBOUNDCALL')).toBe('Inbound call')
    expect(flowTypeText('inqueuecall')).toBe('In-queue call')
    expect(flowTypeText('INQUEUESHORTMESSAGE')).toBe('In-queue message')
    expect(flowTypeText('commonmodule')).toBe('Common module')
  })

  it('shows a type this version does not know as the platform wrote it', () => {
    expect(isKnownFlowType('HOLOGRAMCALL')).toBe(false)
    expect(flowTypeText('HOLOGRAMCALL')).toBe('HOLOGRAMCALL')
  })

  it('says what happened to a version, and keeps an unknown version type raw', () => {
    expect(versionTypeText('PUBLISH')).toBe('Published')
    expect(versionTypeText('CHECKIN')).toBe('Checked in')
    expect(versionTypeText('SAVE')).toBe('Saved')
    expect(versionTypeText('ROLLBACK')).toBe('ROLLBACK')
    expect(['PUBLISH', 'CHECKIN', 'SAVE', 'ROLLBACK'].map(versionTypeTone)).toEqual(['publish', 'checkin', 'save', 'other'])
  })

  it('names the author, or the user id when the name could not be read', () => {
    expect(authorText({ id: 'u1', name: 'Ana Silva' })).toBe('Ana Silva')
    expect(authorText({ id: 'u1' })).toBe('user u1')
    expect(authorText({ id: 'u1', name: '  ' })).toBe('user u1')
    expect(authorText(undefined)).toBe('unknown author')
  })

  it('puts a version in a picker with its type, author and day in the one date format', () => {
    const when = '2026-11-30T09:30:00.000Z'
    expect(versionOptionText({ name: '12.0', type: 'PUBLISH', createdBy: { id: 'u', name: 'Ana Silva' }, when })).toBe(
      `12.0 · Published · Ana Silva · ${formatDate(when)}`,
    )
    expect(versionOptionText({ name: '3.0', type: 'SAVE' })).toBe('3.0 · Saved · unknown author')
  })
})

describe('the retention policy in one line', () => {
  it('says the window, the cap and which versions', () => {
    expect(policyText({ lastDays: 365, maxVersions: 50, publishedOnly: true })).toBe('last 365 days · at most 50 versions · published only')
    expect(policyText({ lastDays: 1, maxVersions: 1, publishedOnly: false })).toBe('last 1 day · at most 1 version · every type')
  })
})

function run(patch: Partial<ArchiveView> = {}): ArchiveView {
  return {
    id: 'job-1',
    revision: 1,
    flowId: 'f',
    flowName: 'Main menu',
    folder: '/archive',
    state: 'running',
    createdAt: '2026-11-30T09:00:00.000Z',
    selection: 'policy',
    counts: { selected: 8, written: 0, alreadyArchived: 0, failed: 0 },
    bytesWritten: 0,
    nothingNew: false,
    ...patch,
  }
}

describe('an archive run’s progress', () => {
  it('follows the history being read first, then the selected versions being written', () => {
    const reading = run({ versionsRead: 100, versionsTotal: 250 })
    expect(archivePhase(reading)).toBe('reading')
    expect(archivePercent(reading)).toBe(40)
    const writing = run({ versionsRead: 250, versionsTotal: 250, counts: { selected: 8, written: 3, alreadyArchived: 1, failed: 0 } })
    expect(archivePhase(writing)).toBe('writing')
    expect(archivePercent(writing)).toBe(50)
    expect(archivePercent(run({ state: 'done', counts: { selected: 0, written: 0, alreadyArchived: 0, failed: 0 } }))).toBe(100)
  })

  it('counts versions read, written, already archived, failed and bytes, leaving out what is zero', () => {
    expect(
      archiveCountsText(
        run({
          versionsRead: 250,
          versionsTotal: 250,
          counts: { selected: 8, written: 5, alreadyArchived: 2, failed: 1 },
          bytesWritten: 46_080,
        }),
      ),
    ).toBe('Versions read 250 of 250 · 5 of 8 selected versions written · 2 already archived · 1 failed · 45 KB written')
    expect(archiveCountsText(run({ counts: { selected: 1, written: 0, alreadyArchived: 0, failed: 0 } }))).toBe(
      '0 of 1 selected version written · 0 B written',
    )
  })

  it('says “nothing new” in words that fit how many were selected', () => {
    expect(nothingNewText(8)).toBe('Nothing new: the 8 selected versions were already in this archive.')
    expect(nothingNewText(1)).toBe('Nothing new: the selected version was already in this archive.')
    expect(nothingNewText(0)).toBe('Nothing new: the policy chose no versions of this flow.')
  })

  it('says where the remote copy stands, how often it was tried and the last answer', () => {
    expect(remoteText({ state: 'waiting', idempotencyKey: 'k', attempts: 2, lastStatus: 503 })).toBe(
      'Waiting to try again · 2 attempts · last answer HTTP 503',
    )
    expect(remoteText({ state: 'already-archived', idempotencyKey: 'k', attempts: 1, lastStatus: 409 })).toBe(
      'Already in the remote archive · 1 attempt · last answer HTTP 409',
    )
    expect(remoteText({ state: 'pending', idempotencyKey: 'k', attempts: 0 })).toBe('Waiting to send')
  })
})

describe('an export’s steps', () => {
  const view = (state: string, patch: Partial<ExportView> = {}) => ({ state, messages: [] as string[], platformJobId: 'p1', ...patch })

  it('moves through Registered, Started and Success to the file saved', () => {
    expect(exportStepStates(view('queued', { platformJobId: undefined }))).toEqual(['upcoming', 'upcoming', 'upcoming', 'upcoming'])
    expect(exportStepStates(view('Registered'))).toEqual(['current', 'upcoming', 'upcoming', 'upcoming'])
    expect(exportStepStates(view('Started'))).toEqual(['done', 'current', 'upcoming', 'upcoming'])
    expect(exportStepStates(view('Success'))).toEqual(['done', 'done', 'current', 'upcoming'])
    expect(exportStepStates(view('saving'))).toEqual(['done', 'done', 'current', 'upcoming'])
    expect(exportStepStates(view('saved'))).toEqual(['done', 'done', 'done', 'done'])
  })

  it('puts a failure on the step where it happened', () => {
    expect(exportStepStates(view('Failure', { messages: ['Archy exit code 107'] }))).toEqual(['done', 'done', 'failed', 'skipped'])
    expect(exportStepStates(view('failed', { messages: ['Archy exit code 107'] }))).toEqual(['done', 'done', 'failed', 'skipped'])
    expect(exportStepStates(view('failed'))).toEqual(['done', 'done', 'done', 'failed'])
    expect(exportStepStates(view('failed', { platformJobId: undefined }))).toEqual(['failed', 'skipped', 'skipped', 'skipped'])
  })

  it('shows a cancelled export registered once the platform had its job, and the rest cancelled', () => {
    expect(exportStepStates(view('cancelled'))).toEqual(['done', 'cancelled', 'cancelled', 'cancelled'])
    expect(exportStepStates(view('cancelled', { platformJobId: undefined }))).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled'])
  })
})

describe('verify and compare in words', () => {
  it('sums up what was checked', () => {
    expect(verifySummaryText({ manifests: 3, flows: 3, versions: 42, files: 40 })).toBe(
      '3 manifests · 3 flows · 42 versions · 40 files checked',
    )
    expect(verifySummaryText({ manifests: 1, flows: 1, versions: 1, files: 1 })).toBe('1 manifest · 1 flow · 1 version · 1 file checked')
  })

  it('counts the problems by kind, invalid manifests first, and keeps a kind it does not know', () => {
    const problem = (kind: string): VerifyProblem => ({ kind: kind as VerifyProblem['kind'], path: 'p', detail: 'd' })
    expect(verifyProblemCountsText(['extra', 'changed', 'missing', 'changed', 'manifest-invalid'].map(problem))).toBe(
      '1 manifest invalid · 2 changed · 1 missing · 1 extra',
    )
    expect(verifyProblemCountsText([problem('unreadable')])).toBe('1 unreadable')
    // The core's totals win: the list may stop at its cap.
    expect(verifyProblemCountsText([problem('changed')], { 'manifest-invalid': 0, changed: 1200, missing: 3, extra: 0 })).toBe(
      '1,200 changed · 3 missing',
    )
  })

  it('counts the diff’s changes, leaving out kinds with none', () => {
    expect(diffCountsText({ added: 3, removed: 1, changed: 5, moved: 2 })).toBe('3 added · 1 removed · 5 changed · 2 moved')
    expect(diffCountsText({ added: 0, removed: 0, changed: 1, moved: 0 })).toBe('1 changed')
    expect(diffCountsText({ added: 0, removed: 0, changed: 0, moved: 0 })).toBe('no differences')
  })

  it('names a compared version with its day in the one date format, else keeps the core’s label', () => {
    const when = '2026-11-02T09:30:00.000Z'
    const info = { kind: 'version' as const, flowId: 'f', versionId: 'v', versionName: '3.0', versionType: 'PUBLISH', when }
    expect(compareSideText(info, 'Version 3.0 (published 2 Nov 2026)')).toBe(`Version 3.0 (published ${formatDate(when)})`)
    expect(compareSideText({ ...info, when: undefined, versionType: 'SAVE' }, 'x')).toBe('Version 3.0 (saved)')
    expect(compareSideText(undefined, 'Version 3.0')).toBe('Version 3.0')
    expect(compareSideText({ kind: 'archived', fileSha256: 'ab' }, 'Archived file ab…')).toBe('Archived file ab…')
  })

  it('gives a moved item’s positions counted from 1', () => {
    expect(movedText({ fromIndex: 2, toIndex: 0 })).toBe('item 3 → item 1')
    expect(movedText({ fromIndex: 0 })).toBe('item 1 → item ?')
  })

  it('indents an object or array value for reading, and leaves scalars and shortened values as sent', () => {
    expect(valueText('{"name":"Tier","value":[1,2]}')).toBe('{\n  "name": "Tier",\n  "value": [\n    1,\n    2\n  ]\n}')
    expect(valueText('"gold"')).toBe('"gold"')
    expect(valueText('15')).toBe('15')
    expect(valueText('{"name":"Tier","val…')).toBe('{"name":"Tier","val…')
  })
})
