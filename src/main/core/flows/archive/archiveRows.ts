/** A chosen version and its archived file as a manifest row (FlowArchiveManifest's version matrix). */
import type { ArchivedVersion, FlowArchiveManifest } from '../../../../shared/contract/flows'
import type { ArchivedFlowInfo, SelectedVersion, VersionOutcome } from './archiveRecord'

export function manifestRow(version: SelectedVersion, outcome: VersionOutcome): ArchivedVersion {
  return {
    id: version.id,
    name: version.name.slice(0, 200),
    ...(version.commitVersion !== undefined ? { commitVersion: version.commitVersion.slice(0, 200) } : {}),
    ...(version.configurationVersion !== undefined ? { configurationVersion: version.configurationVersion.slice(0, 200) } : {}),
    type: (version.type || 'UNKNOWN').slice(0, 50),
    ...(version.secure !== undefined ? { secure: version.secure } : {}),
    ...(version.debug !== undefined ? { debug: version.debug } : {}),
    ...(version.createdBy
      ? {
          createdBy: {
            id: version.createdBy.id.slice(0, 200),
            ...(version.createdBy.name ? { name: version.createdBy.name.slice(0, 500) } : {}),
          },
        }
      : {}),
    ...(version.dateCreated ? { dateCreated: version.dateCreated } : {}),
    ...(version.dateCheckedIn ? { dateCheckedIn: version.dateCheckedIn } : {}),
    ...(version.dateSaved ? { dateSaved: version.dateSaved } : {}),
    ...(version.datePublished ? { datePublished: version.datePublished } : {}),
    ...(version.datePublishedRaw ? { datePublishedRaw: version.datePublishedRaw } : {}),
    file: outcome.file,
    sizeBytes: outcome.sizeBytes,
    sha256: outcome.sha256,
    archivedAt: outcome.archivedAt,
  }
}

export function manifestFlow(flowId: string, flow: ArchivedFlowInfo): FlowArchiveManifest['flow'] {
  return {
    id: flowId,
    name: flow.name.slice(0, 500),
    type: flow.type.slice(0, 100),
    ...(flow.division
      ? { division: { id: flow.division.id.slice(0, 200), ...(flow.division.name ? { name: flow.division.name.slice(0, 500) } : {}) } }
      : {}),
  }
}
