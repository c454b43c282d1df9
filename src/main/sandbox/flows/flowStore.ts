/**
 * The sandbox org's Architect flows and their version histories (seeded, see flowSeeds.ts); tests add
 * versions and lock or unlock flows. Configurations are built on demand from the flow and version number.
 */
import { flowConfiguration } from './flowConfiguration'
import type { SandboxFlowRecord, SandboxFlowUser, SandboxFlowVersionRecord, SandboxFlowVersionType } from './flowRecords'
import { FLOW_SEED_SPECS } from './flowSeeds'
import { FLOW_AUTHORS, seedVersions, versionRecord } from './flowVersionSeeds'

export interface NewFlowVersion {
  /** Default PUBLISH. */
  type?: SandboxFlowVersionType
  /** Default Dana Whitfield (a seeded admin). */
  createdBy?: SandboxFlowUser
}

export class FlowStore {
  private readonly byId = new Map<string, SandboxFlowRecord>()

  constructor(
    seedAt: number,
    private readonly now: () => number,
  ) {
    for (const spec of FLOW_SEED_SPECS) {
      const lockedBy = spec.lockedBy ? FLOW_AUTHORS.find((author) => author.id === spec.lockedBy) : undefined
      this.byId.set(spec.id, {
        key: spec.key,
        id: spec.id,
        name: spec.name,
        description: spec.description,
        type: spec.type,
        division: spec.division,
        size: spec.size,
        ...(lockedBy ? { lockedBy } : {}),
        exportFails: spec.exportFails === true,
        versions: seedVersions(spec, seedAt),
      })
    }
  }

  /** Every flow, by name. */
  list(): SandboxFlowRecord[] {
    return [...this.byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
  }

  flow(id: string): SandboxFlowRecord | undefined {
    return this.byId.get(id)
  }

  version(flowId: string, versionId: string): SandboxFlowVersionRecord | undefined {
    return this.byId.get(flowId)?.versions.find((version) => version.id === versionId)
  }

  /** The Architect JSON of a version; undefined when the flow or version is unknown. */
  configuration(flowId: string, versionId: string): Record<string, unknown> | undefined {
    const flow = this.byId.get(flowId)
    const version = flow?.versions.find((v) => v.id === versionId)
    if (!flow || !version) return undefined
    return flowConfiguration({ ...flow, divisionName: flow.division.name }, version.number)
  }

  /** A new newest version, dated now, whose configuration differs from the one before. */
  addVersion(flowId: string, options: NewFlowVersion = {}): SandboxFlowVersionRecord {
    const flow = this.required(flowId)
    const newest = flow.versions.at(-1)
    const at = Math.max(this.now(), (newest?.publishedAt ?? newest?.checkedInAt ?? newest?.savedAt ?? 0) + 60_000)
    const record = versionRecord(flow.id, (newest?.number ?? 0) + 1, options.type ?? 'PUBLISH', at, options.createdBy ?? FLOW_AUTHORS[0])
    flow.versions.push(record)
    return record
  }

  /** Locks the flow as Architect does while a user edits it; default another user than the API client. */
  lock(flowId: string, user: SandboxFlowUser = FLOW_AUTHORS[1]): void {
    this.required(flowId).lockedBy = user
  }

  unlock(flowId: string): void {
    const flow = this.required(flowId)
    delete flow.lockedBy
    delete flow.lockedClient
  }

  /** Whether export jobs holding this flow end in Failure ("Archy exit code 107"). */
  setExportFails(flowId: string, fails: boolean): void {
    this.required(flowId).exportFails = fails
  }

  private required(flowId: string): SandboxFlowRecord {
    const flow = this.byId.get(flowId)
    if (!flow) throw new Error(`The sandbox has no flow ${flowId}.`)
    return flow
  }
}
