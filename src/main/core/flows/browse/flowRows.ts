/** The platform's flows and versions as the screen and the archive see them: names, open enums, ISO dates. */
import type { FlowProblem, FlowRow, FlowUser, FlowVersionRow } from '../../../../shared/contract/flows'
import { normaliseFlowDate } from './flowDates'
import type { GenesysFlow, GenesysFlowVersion } from './flowsApi'

export function toFlowRow(flow: GenesysFlow, problems: FlowProblem[] = []): FlowRow {
  const publishedAt = normaliseFlowDate(flow.publishedVersion?.datePublished)
  const lockedBy = flow.lockedUser ? userOf(flow.lockedUser) : undefined
  return {
    id: flow.id,
    name: flow.name,
    type: flow.type,
    ...(flow.description ? { description: flow.description } : {}),
    ...(flow.division ? { division: userOf(flow.division) } : {}),
    ...(flow.publishedVersion ? { publishedVersion: flow.publishedVersion.name ?? flow.publishedVersion.id } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(flow.checkedInVersion ? { checkedInVersion: flow.checkedInVersion.name ?? flow.checkedInVersion.id } : {}),
    ...(flow.savedVersion ? { savedVersion: flow.savedVersion.name ?? flow.savedVersion.id } : {}),
    ...(lockedBy ? { lockedBy } : {}),
    problems: [...lockProblems(flow), ...problems],
  }
}

/** A lock stops editing, not reading: the flow can still be archived, and the admin is told who holds it. */
export function lockProblems(flow: Pick<GenesysFlow, 'lockedUser' | 'lockedClient'>): FlowProblem[] {
  if (!flow.lockedUser && !flow.lockedClient) return []
  const who = flow.lockedUser
    ? (flow.lockedUser.name?.trim() ?? '') || `the user ${flow.lockedUser.id}`
    : (flow.lockedClient?.name?.trim() ?? '') || `the OAuth client ${flow.lockedClient?.id}`
  return [
    {
      kind: 'locked',
      reason: `Locked in Architect by ${who}: it can be read and archived, but not changed until it is unlocked.`,
      hint: 'Archiving reads the saved versions; ask them to check in or unlock the flow to archive their latest edits too.',
    },
  ]
}

export function toVersionRow(version: GenesysFlowVersion, authorName?: string): FlowVersionRow {
  const dates = {
    dateCreated: normaliseFlowDate(version.dateCreated),
    dateCheckedIn: normaliseFlowDate(version.dateCheckedIn),
    dateSaved: normaliseFlowDate(version.dateSaved),
    datePublished: normaliseFlowDate(version.datePublished),
  }
  const when = dates.datePublished ?? dates.dateCheckedIn ?? dates.dateSaved ?? dates.dateCreated
  const createdBy: FlowUser | undefined = version.createdBy
    ? {
        id: version.createdBy.id,
        ...(nameOf(version.createdBy.name, authorName) ? { name: nameOf(version.createdBy.name, authorName) } : {}),
      }
    : undefined
  return {
    id: version.id,
    name: version.name ?? version.id,
    ...(version.commitVersion !== undefined ? { commitVersion: String(version.commitVersion) } : {}),
    ...(version.configurationVersion !== undefined ? { configurationVersion: String(version.configurationVersion) } : {}),
    type: version.type ?? 'UNKNOWN',
    ...(version.secure !== undefined ? { secure: version.secure } : {}),
    ...(version.debug !== undefined ? { debug: version.debug } : {}),
    ...(createdBy ? { createdBy } : {}),
    ...Object.fromEntries(Object.entries(dates).filter(([, value]) => value !== undefined)),
    ...(when ? { when } : {}),
  }
}

function userOf(ref: { id: string; name?: string }): FlowUser {
  return { id: ref.id, ...(ref.name?.trim() ? { name: ref.name.trim() } : {}) }
}

function nameOf(sent: string | undefined, lookedUp: string | undefined): string | undefined {
  return sent?.trim() || lookedUp?.trim() || undefined
}
