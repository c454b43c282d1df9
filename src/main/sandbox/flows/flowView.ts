/**
 * The platform's Flow and FlowVersion models as the API answers them: dateCreated, dateCheckedIn and
 * dateSaved are epoch milliseconds, datePublished an ISO string (shared/genesys-api.md, Flows).
 */
import type { SandboxFlowRecord, SandboxFlowUser, SandboxFlowVersionRecord } from './flowRecords'

export const FLOWS_PATH = '/api/v2/flows'

export type FlowVersionView = ReturnType<typeof flowVersionView>
export type FlowView = ReturnType<typeof flowView>

export function flowVersionView(version: SandboxFlowVersionRecord) {
  const self = `${FLOWS_PATH}/${version.flowId}/versions/${version.id}`
  return {
    id: version.id,
    name: `${version.number}.0`,
    commitVersion: `${version.number}.0`,
    configurationVersion: `${version.number}.0`,
    type: version.type,
    secure: version.secure,
    debug: version.debug,
    createdBy: userRef(version.createdBy, '/api/v2/users'),
    ...(version.createdByClient ? { createdByClient: userRef(version.createdByClient, '/api/v2/oauth/clients') } : {}),
    configurationUri: `${self}/configuration`,
    dateCreated: version.createdAt,
    ...(version.checkedInAt !== undefined ? { dateCheckedIn: version.checkedInAt } : {}),
    dateSaved: version.savedAt,
    ...(version.publishedAt !== undefined ? { datePublished: new Date(version.publishedAt).toISOString() } : {}),
    generationId: String(version.number),
    ...(version.type === 'PUBLISH' ? { publishResultUri: `${self}/publishresult` } : {}),
    selfUri: self,
  }
}

/** The flow with its published, checked-in and saved (draft) versions. */
export function flowView(flow: SandboxFlowRecord) {
  const newestOf = (types: string[]) => flow.versions.findLast((version) => types.includes(version.type))
  const published = newestOf(['PUBLISH'])
  const checkedIn = newestOf(['PUBLISH', 'CHECKIN'])
  const newest = flow.versions.at(-1)
  const saved = newest?.type === 'SAVE' ? newest : undefined
  return {
    id: flow.id,
    name: flow.name,
    description: flow.description,
    type: flow.type,
    division: { id: flow.division.id, name: flow.division.name, selfUri: `/api/v2/authorization/divisions/${flow.division.id}` },
    ...(flow.lockedBy ? { lockedUser: userRef(flow.lockedBy, '/api/v2/users') } : {}),
    ...(flow.lockedClient ? { lockedClient: userRef(flow.lockedClient, '/api/v2/oauth/clients') } : {}),
    active: published !== undefined,
    system: false,
    deleted: false,
    ...(published ? { publishedVersion: flowVersionView(published) } : {}),
    ...(checkedIn ? { checkedInVersion: flowVersionView(checkedIn) } : {}),
    ...(saved ? { savedVersion: flowVersionView(saved) } : {}),
    ...(published ? { publishedBy: userRef(published.createdBy, '/api/v2/users') } : {}),
    ...(flow.lockedBy ? { currentOperation: lockOperation(flow, flow.lockedBy) } : {}),
    selfUri: `${FLOWS_PATH}/${flow.id}`,
  }
}

function lockOperation(flow: SandboxFlowRecord, user: SandboxFlowUser) {
  return {
    id: `${flow.id}-checkout`,
    complete: false,
    user: userRef(user, '/api/v2/users'),
    actionName: 'CHECKOUT',
    actionStatus: 'LOCKED',
  }
}

function userRef(user: SandboxFlowUser, base: string) {
  return { id: user.id, name: user.name, selfUri: `${base}/${user.id}` }
}
