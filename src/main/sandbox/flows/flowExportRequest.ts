/**
 * The body of POST /api/v2/flows/export/jobs and what it names: each flow by id or by name and type, an
 * optional version (its id or name, default the published version, else the newest), file name and
 * export type (Yaml by default).
 */
import { z } from 'zod'
import { defaultExportFileName, type FlowExportItem } from './flowExportFile'
import type { SandboxFlowRecord } from './flowRecords'
import type { FlowStore } from './flowStore'

export const flowExportBody = z.object({
  flows: z
    .array(
      z.object({
        flow: z.union([z.object({ id: z.string().min(1) }), z.object({ name: z.string().min(1), type: z.string().min(1) })]),
        version: z.string().min(1).optional(),
        fileName: z
          .string()
          .min(1)
          .max(200)
          .regex(/^[^/\\]+$/, 'fileName may not hold a path')
          .optional(),
        exportType: z.enum(['Yaml', 'Architect']).default('Yaml'),
      }),
    )
    .min(1)
    .max(100),
})

export type FlowExportBody = z.infer<typeof flowExportBody>

export type ResolvedExport =
  | { ok: true; items: FlowExportItem[] }
  | { ok: false; status: 400 | 403 | 404; code: string; message: string; fieldName: string; entityId?: string }

export function resolveExport(store: FlowStore, body: FlowExportBody): ResolvedExport {
  const items: FlowExportItem[] = []
  const taken = new Set<string>()
  for (const [index, requested] of body.flows.entries()) {
    const fieldName = `flows[${index}]`
    const flow = findFlow(store, requested.flow)
    const label = 'id' in requested.flow ? requested.flow.id : `${requested.flow.name} (${requested.flow.type})`
    if (!flow) return { ok: false, status: 404, code: 'not.found', message: `Flow ${label} was not found.`, fieldName: `${fieldName}.flow` }
    if (!flow.division.readable)
      return {
        ok: false,
        status: 403,
        code: 'missing.division.permission',
        message: `You are missing the following permission(s): [architect:flow:view] in division(s) [${flow.division.name}]`,
        fieldName: `${fieldName}.flow`,
        entityId: flow.id,
      }
    const version = chooseVersion(flow, requested.version)
    if (!version)
      return {
        ok: false,
        status: 400,
        code: 'bad.request',
        message: `Flow ${flow.name} has no version ${requested.version ?? ''}.`.trim(),
        fieldName: `${fieldName}.version`,
      }
    const fileName = uniqueName(
      requested.fileName ?? defaultExportFileName(flow.name, flow.type, `${version.number}.0`, requested.exportType),
      taken,
    )
    items.push({ flowId: flow.id, versionId: version.id, fileName, exportType: requested.exportType })
  }
  return { ok: true, items }
}

function findFlow(store: FlowStore, ref: { id: string } | { name: string; type: string }): SandboxFlowRecord | undefined {
  if ('id' in ref) return store.flow(ref.id)
  return store
    .list()
    .find((flow) => flow.name.toLowerCase() === ref.name.toLowerCase() && flow.type.toLowerCase() === ref.type.toLowerCase())
}

function chooseVersion(flow: SandboxFlowRecord, requested: string | undefined) {
  if (requested !== undefined)
    return flow.versions.find((v) => v.id === requested || `${v.number}.0` === requested || String(v.number) === requested)
  return flow.versions.findLast((v) => v.type === 'PUBLISH') ?? flow.versions.at(-1)
}

/** A zip cannot hold two files of one name: a second "x.yaml" becomes "x (2).yaml". */
function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = name.replace(/(\.[^.]*)?$/, (ext) => ` (${n})${ext}`)
  taken.add(candidate.toLowerCase())
  return candidate
}
