/** A version as one side of a comparison: its configuration from the platform, and what it is called. */
import type { CompareSideInfo } from '../../../../shared/contract/flows/compare'
import type { GenesysClient } from '../../genesys'
import { FLOW_PAGE_SIZE, getFlowConfiguration, listFlowVersionsPage, normaliseFlowDate, type GenesysFlowVersion } from '../browse'
import type { LoadedSide } from './loadedSide'
import { versionLabel } from './sideLabels'

/** 10,000 versions: past that the version is still compared, only named by its id. */
const MAX_PAGES = 100

export async function loadVersionSide(
  client: GenesysClient,
  side: { flowId: string; versionId: string },
  signal?: AbortSignal,
): Promise<LoadedSide> {
  const [configuration, version] = await Promise.all([
    getFlowConfiguration(client, side.flowId, side.versionId, signal),
    findVersion(client, side.flowId, side.versionId, signal),
  ])
  const when = version ? timelineDate(version) : undefined
  const info: CompareSideInfo = {
    kind: 'version',
    flowId: side.flowId,
    versionId: side.versionId,
    ...(version?.name ? { versionName: version.name } : {}),
    ...(version?.type ? { versionType: version.type } : {}),
    ...(when ? { when } : {}),
  }
  return {
    label: versionLabel({ id: side.versionId, name: version?.name, type: version?.type, when }),
    info,
    configuration: configuration.data,
  }
}

/** The version's entry in the flow's history (newest first, so recent versions are found on the first page). */
async function findVersion(
  client: GenesysClient,
  flowId: string,
  versionId: string,
  signal?: AbortSignal,
): Promise<GenesysFlowVersion | undefined> {
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
    const page = (await listFlowVersionsPage(client, flowId, pageNumber, FLOW_PAGE_SIZE, signal)).data
    const found = page.entities.find((v) => v.id === versionId)
    if (found) return found
    if (page.entities.length < FLOW_PAGE_SIZE || (page.pageCount !== undefined && pageNumber >= page.pageCount)) return undefined
  }
  return undefined
}

/** The date a version's label shows: published, else checked in, else saved, else created. */
function timelineDate(version: GenesysFlowVersion): string | undefined {
  const byType: Record<string, unknown> = { PUBLISH: version.datePublished, CHECKIN: version.dateCheckedIn, SAVE: version.dateSaved }
  const candidates = [byType[version.type ?? ''], version.datePublished, version.dateCheckedIn, version.dateSaved, version.dateCreated]
  for (const candidate of candidates) {
    const iso = normaliseFlowDate(candidate)
    if (iso) return iso
  }
  return undefined
}
