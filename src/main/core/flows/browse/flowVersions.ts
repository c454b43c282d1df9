/**
 * flows.versions: the flow and its whole history (every page of 100), dates normalised, authors named.
 * A flow whose versions the client may not read comes back with that problem and no versions, as the
 * list shows it, rather than as an error that hides the flow.
 */
import type { FlowVersions } from '../../../../shared/contract/flows'
import { AppError, toAppError } from '../../../../shared/errors'
import type { GenesysClient } from '../../genesys'
import type { AuthorNames } from './authorNames'
import { deniedProblem, flowPermissionError, isRefusal } from './flowAccess'
import { getFlow, listAllFlowVersions, type GenesysFlow } from './flowsApi'
import { toFlowRow, toVersionRow } from './flowRows'

export async function readFlowVersions(
  access: { client: GenesysClient; profileId: string; authors: AuthorNames },
  flowId: string,
  signal?: AbortSignal,
): Promise<FlowVersions> {
  const flow = await readFlow(access.client, flowId, signal)
  let all
  try {
    all = await listAllFlowVersions(access.client, flowId, { signal })
  } catch (error) {
    if (isRefusal(error)) return { flow: toFlowRow(flow, [deniedProblem(error, flow.division)]), versions: [] }
    throw flowPermissionError(error, "read this flow's versions")
  }
  const names = await access.authors.forVersions(access.profileId, access.client, all.versions, signal)
  return {
    flow: toFlowRow(flow),
    versions: all.versions.map((version) => toVersionRow(version, version.createdBy ? names.get(version.createdBy.id) : undefined)),
  }
}

/** GET the flow; a 404 says the flow is gone, a 403 names the missing permission. */
export async function readFlow(client: GenesysClient, flowId: string, signal?: AbortSignal): Promise<GenesysFlow> {
  try {
    return (await getFlow(client, flowId, signal)).data
  } catch (error) {
    const failure = toAppError(error)
    if (failure.status === 404)
      throw new AppError({
        ...failure.toData(),
        code: 'not_found',
        message: `There is no flow with id ${flowId} in this org (it may have been deleted).`,
        hint: 'Refresh the list of flows.',
      })
    throw flowPermissionError(error, 'read this flow')
  }
}
