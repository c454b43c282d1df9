/**
 * `sandbox.flows`: what tests and benchmarks see of the org's flows and how they change them. It answers
 * in the platform's models, as the API does, but ignores permissions and divisions.
 */
import type { SandboxFlowUser } from './flowRecords'
import type { FlowStore, NewFlowVersion } from './flowStore'
import { flowVersionView, flowView, type FlowVersionView, type FlowView } from './flowView'

export interface SandboxFlows {
  /** Every flow (sorted by name), as GET /api/v2/flows lists them. */
  list(): FlowView[]
  /** The flow's versions, newest first, as GET .../versions pages them; throws for an unknown flow. */
  versions(flowId: string): FlowVersionView[]
  /** A version's Architect JSON; undefined when the flow or version is unknown. */
  configuration(flowId: string, versionId: string): Record<string, unknown> | undefined
  /** Adds a newest version (default PUBLISH) dated now, with a configuration that differs from the previous one. */
  addVersion(flowId: string, options?: NewFlowVersion): FlowVersionView
  /** Locks the flow by `user` (default Marcus Okafor, another user than the API client). */
  lock(flowId: string, user?: SandboxFlowUser): void
  unlock(flowId: string): void
  /** Makes export jobs submitted from now on that hold this flow end in Failure ("Archy exit code 107"), or succeed again. */
  failExports(flowId: string, fails?: boolean): void
}

export function sandboxFlows(store: FlowStore): SandboxFlows {
  return {
    list: () => store.list().map(flowView),
    versions: (flowId) => {
      const flow = store.flow(flowId)
      if (!flow) throw new Error(`The sandbox has no flow ${flowId}.`)
      return [...flow.versions].reverse().map(flowVersionView)
    },
    configuration: (flowId, versionId) => store.configuration(flowId, versionId),
    addVersion: (flowId, options) => flowVersionView(store.addVersion(flowId, options)),
    lock: (flowId, user) => store.lock(flowId, user),
    unlock: (flowId) => store.unlock(flowId),
    failExports: (flowId, fails = true) => store.setExportFails(flowId, fails),
  }
}
