import type {
  ArchiveState,
  ArchiveView,
  CompareResult,
  CompareSideInfo,
  DiffChange,
  ExportState,
  ExportView,
  FlowTypeFilter,
  FlowVersionRow,
  RemoteDeliveryView,
  RetentionPolicy,
  VerifyProblem,
  VerifyReport,
} from '../../../../shared/contract/flows'
import { formatBytes } from '../../../../shared/format'
import { formatCount, formatDate } from '../../ui/format'

/** Pure wording of the Flow archive screen, kept apart so it can be unit-tested. */

const FLOW_TYPE_WORDS: Record<FlowTypeFilter, string> = {
  bot: 'Bot',
  commonmodule: 'Common module',
  digitalbot: 'Digital bot',
  emailsend: 'Email send',
  inboundcall: 'Inbound call',
  inboundchat: 'Inbound chat',
  inboundemail: 'Inbound email',
  inboundshortmessage: 'Inbound message',
  outboundcall: 'Outbound call',
  inqueuecall: 'In-queue call',
  inqueueemail: 'In-queue email',
  inqueueshortmessage: 'In-queue message',
  speech: 'Speech',
  securecall: 'Secure call',
  surveyinvite: 'Survey invite',
  voice: 'Voice',
  voicemail: 'Voicemail',
  voicesurvey: 'Voice survey',
  workflow: 'Workflow',
  workitem: 'Workitem',
}

/** A flow type in words, whichever case the platform wrote it in (INBOUNDCALL on a flow, inboundcall in the filter). */
export function flowTypeText(type: string): string {
  return (FLOW_TYPE_WORDS as Record<string, string>)[type.toLowerCase()] ?? type
}

export function isKnownFlowType(type: string): boolean {
  return type.toLowerCase() in FLOW_TYPE_WORDS
}

const VERSION_TYPE_WORDS: Record<string, string> = { PUBLISH: 'Published', CHECKIN: 'Checked in', SAVE: 'Saved' }

/** "Published", "Checked in", "Saved"; a version type this version does not know, as the platform wrote it. */
export function versionTypeText(type: string): string {
  return VERSION_TYPE_WORDS[type] ?? type
}

export function isKnownVersionType(type: string): boolean {
  return type in VERSION_TYPE_WORDS
}

/** The CSS modifier of a version type's mark on the timeline ("other" for one this version does not know). */
export function versionTypeTone(type: string): 'publish' | 'checkin' | 'save' | 'other' {
  if (type === 'PUBLISH') return 'publish'
  if (type === 'CHECKIN') return 'checkin'
  if (type === 'SAVE') return 'save'
  return 'other'
}

/** Who made a version: the name, else the id (a user this client may not read), else nobody known. */
export function authorText(user: FlowVersionRow['createdBy']): string {
  if (!user) return 'unknown author'
  return user.name?.trim() ? user.name : `user ${user.id}`
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}

export function versionsText(n: number): string {
  return plural(n, 'version', 'versions')
}

export function flowsText(n: number): string {
  return plural(n, 'flow', 'flows')
}

/** The retention policy in one line: "last 365 days · at most 50 versions · published only". */
export function policyText(policy: RetentionPolicy): string {
  const parts = [`last ${plural(policy.lastDays, 'day', 'days')}`, `at most ${versionsText(policy.maxVersions)}`]
  parts.push(policy.publishedOnly ? 'published only' : 'every type')
  return parts.join(' · ')
}

export const ARCHIVE_STATE_WORDS: Record<ArchiveState, string> = {
  queued: 'Waiting',
  running: 'Archiving',
  paused: 'Paused',
  interrupted: 'Interrupted',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

export const FINISHED_ARCHIVE_STATES: ArchiveState[] = ['done', 'failed', 'cancelled']

/** A state word for any value, raw when this version does not know it. */
export function wordFor(words: Record<string, string>, state: string): string {
  return words[state] ?? state
}

export function percent(done: number, total: number | undefined): number {
  return total && total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0
}

/** Reading the history comes first (paging), then writing the selected versions. */
export function archivePhase(view: Pick<ArchiveView, 'state' | 'counts' | 'versionsRead' | 'versionsTotal'>): 'reading' | 'writing' {
  const { versionsRead, versionsTotal } = view
  const settled = view.counts.written + view.counts.alreadyArchived + view.counts.failed
  if (versionsTotal !== undefined && (versionsRead ?? 0) < versionsTotal && settled === 0) return 'reading'
  return 'writing'
}

/** How far a run is, 0 to 100: through the history while reading it, then through the selected versions. */
export function archivePercent(view: Pick<ArchiveView, 'state' | 'counts' | 'versionsRead' | 'versionsTotal'>): number {
  if (view.state === 'done') return 100
  if (archivePhase(view) === 'reading') return percent(view.versionsRead ?? 0, view.versionsTotal)
  const { written, alreadyArchived, failed, selected } = view.counts
  return percent(written + alreadyArchived + failed, selected)
}

/** "Versions read 100 of 250 · 3 of 8 selected versions written · 2 already archived · 1 failed · 45 KB written". */
export function archiveCountsText(view: Pick<ArchiveView, 'counts' | 'bytesWritten' | 'versionsRead' | 'versionsTotal'>): string {
  const { selected, written, alreadyArchived, failed } = view.counts
  const parts: string[] = []
  if (view.versionsTotal !== undefined) {
    parts.push(`versions read ${formatCount(view.versionsRead ?? 0)} of ${formatCount(view.versionsTotal)}`)
  }
  parts.push(`${formatCount(written)} of ${plural(selected, 'selected version', 'selected versions')} written`)
  if (alreadyArchived > 0) parts.push(`${formatCount(alreadyArchived)} already archived`)
  if (failed > 0) parts.push(`${formatCount(failed)} failed`)
  parts.push(`${formatBytes(view.bytesWritten)} written`)
  const text = parts.join(' · ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** "Nothing new: the 8 selected versions were already in this archive." */
export function nothingNewText(selected: number): string {
  if (selected === 0) return 'Nothing new: the policy chose no versions of this flow.'
  return selected === 1
    ? 'Nothing new: the selected version was already in this archive.'
    : `Nothing new: the ${formatCount(selected)} selected versions were already in this archive.`
}

export const REMOTE_STATE_WORDS: Record<RemoteDeliveryView['state'], string> = {
  pending: 'Waiting to send',
  sending: 'Sending',
  waiting: 'Waiting to try again',
  delivered: 'Delivered',
  'already-archived': 'Already in the remote archive',
  failed: 'Not delivered',
}

/** The remote copy's state in one line, without dates (the card adds them in the one format). */
export function remoteText(remote: RemoteDeliveryView): string {
  const parts = [wordFor(REMOTE_STATE_WORDS, remote.state)]
  if (remote.attempts > 0) parts.push(plural(remote.attempts, 'attempt', 'attempts'))
  if (remote.lastStatus !== undefined) parts.push(`last answer HTTP ${remote.lastStatus}`)
  return parts.join(' · ')
}

export const EXPORT_STATE_WORDS: Record<string, string> = {
  queued: 'Waiting',
  Registered: 'Registered',
  Started: 'Started',
  Success: 'Success: saving the file',
  Failure: 'Failure',
  saving: 'Saving the file',
  saved: 'Saved',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

export const FINISHED_EXPORT_STATES: ExportState[] = ['saved', 'failed', 'cancelled', 'Failure']

/** The platform's steps of an export job and where this one stands on them. */
export const EXPORT_STEPS = ['Registered', 'Started', 'Success', 'saved'] as const
export type ExportStep = (typeof EXPORT_STEPS)[number]
export type ExportStepState = 'done' | 'current' | 'upcoming' | 'failed' | 'cancelled' | 'skipped'

const STEP_OF_STATE: Record<string, number> = { queued: -1, Registered: 0, Started: 1, Success: 2, saving: 2, saved: 3 }

/**
 * Each step's state for one export. A failure is put on the step it happened at: before the platform had
 * a job (Registered), in the platform's job (Success: Failure, with the exporter's messages), or while saving;
 * the steps after it are never reached. A cancelled export shows Registered done once the platform had its
 * job (how far that job got is not kept) and the steps after it cancelled.
 */
export function exportStepStates(view: Pick<ExportView, 'state' | 'messages' | 'platformJobId'>): ExportStepState[] {
  if (view.state === 'cancelled') return EXPORT_STEPS.map((_, i) => (i === 0 && view.platformJobId ? 'done' : 'cancelled'))
  const failedAt = failureStep(view)
  const at = failedAt ?? STEP_OF_STATE[view.state] ?? -1
  return EXPORT_STEPS.map((_, i) => {
    if (i === failedAt) return 'failed'
    if (i < at || (i === at && view.state === 'saved')) return 'done'
    if (i === at) return 'current'
    return failedAt === undefined ? 'upcoming' : 'skipped'
  })
}

function failureStep(view: Pick<ExportView, 'state' | 'messages' | 'platformJobId'>): number | undefined {
  if (view.state === 'Failure') return 2
  if (view.state !== 'failed') return undefined
  if (!view.platformJobId) return 0
  return view.messages.length > 0 ? 2 : 3
}

export const EXPORT_STEP_WORDS: Record<ExportStep, string> = {
  Registered: 'Registered',
  Started: 'Started',
  Success: 'Success',
  saved: 'Saved',
}

export const VERIFY_PROBLEM_WORDS: Record<VerifyProblem['kind'], string> = {
  changed: 'Changed',
  missing: 'Missing',
  extra: 'Extra',
  'manifest-invalid': 'Manifest invalid',
}

/** "3 manifests · 3 flows · 42 versions · 40 files checked". */
export function verifySummaryText(report: Pick<VerifyReport, 'manifests' | 'flows' | 'versions' | 'files'>): string {
  return [
    plural(report.manifests, 'manifest', 'manifests'),
    flowsText(report.flows),
    versionsText(report.versions),
    `${plural(report.files, 'file', 'files')} checked`,
  ].join(' · ')
}

/**
 * "1 manifest invalid · 2 changed · 1 missing": the problems by kind, in the order an admin acts on them;
 * from the core's totals when it sent them (the list itself may stop at its cap).
 */
export function verifyProblemCountsText(problems: VerifyProblem[], totals?: Partial<Record<string, number>>): string {
  const order: string[] = ['manifest-invalid', 'changed', 'missing', 'extra']
  const counts = new Map<string, number>()
  if (totals) for (const [kind, n] of Object.entries(totals)) counts.set(kind, n ?? 0)
  else for (const problem of problems) counts.set(problem.kind, (counts.get(problem.kind) ?? 0) + 1)
  const kinds = [...order, ...[...counts.keys()].filter((kind) => !order.includes(kind))]
  return kinds
    .filter((kind) => (counts.get(kind) ?? 0) > 0)
    .map((kind) => `${formatCount(counts.get(kind) ?? 0)} ${wordFor(VERIFY_PROBLEM_WORDS, kind).toLowerCase()}`)
    .join(' · ')
}

export const DIFF_KIND_WORDS: Record<DiffChange['kind'], string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  moved: 'Moved',
}

/** "3 added · 1 removed · 5 changed · 2 moved", leaving out what is zero; "no differences" when all are. */
export function diffCountsText(counts: CompareResult['counts']): string {
  const kinds: DiffChange['kind'][] = ['added', 'removed', 'changed', 'moved']
  const parts = kinds.filter((kind) => counts[kind] > 0).map((kind) => `${formatCount(counts[kind])} ${kind}`)
  return parts.length > 0 ? parts.join(' · ') : 'no differences'
}

/** A moved item's positions for people, counted from 1: "item 3 → item 1". */
export function movedText(change: Pick<DiffChange, 'fromIndex' | 'toIndex'>): string {
  const at = (i: number | undefined) => (i === undefined ? '?' : formatCount(i + 1))
  return `item ${at(change.fromIndex)} → item ${at(change.toIndex)}`
}

/** A version in a picker: "12.0 · Published · Ana Silva · 30 Nov 2026". */
export function versionOptionText(version: Pick<FlowVersionRow, 'name' | 'type' | 'createdBy' | 'when'>): string {
  const parts = [version.name, versionTypeText(version.type), authorText(version.createdBy)]
  if (version.when) parts.push(formatDate(version.when))
  return parts.join(' · ')
}

const VERSION_VERBS: Record<string, string> = { PUBLISH: 'published', CHECKIN: 'checked in', SAVE: 'saved' }

/**
 * One side of a comparison: "Version 12.0 (published 30 Nov 2026)" with the day in the screen's one format,
 * from the side's data; the core's label when there is none (or for an archived file, which has no date).
 */
export function compareSideText(info: CompareSideInfo | undefined, label: string): string {
  if (!info || info.kind !== 'version' || !info.versionName) return label
  const name = `Version ${info.versionName}`
  const verb = info.versionType ? (VERSION_VERBS[info.versionType] ?? info.versionType) : undefined
  if (!info.when) return verb ? `${name} (${verb})` : name
  return `${name} (${verb ?? 'created'} ${formatDate(info.when)})`
}

/**
 * A diff value laid out for reading: an object or array the core sent as one line of JSON is indented; a
 * scalar, or a value the core shortened (no longer valid JSON), stays as sent.
 */
export function valueText(json: string): string {
  if (!/^\s*[[{]/.test(json)) return json
  try {
    const value: unknown = JSON.parse(json)
    return JSON.stringify(value, null, 2)
  } catch {
    return json
  }
}
