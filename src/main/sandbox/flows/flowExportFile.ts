/**
 * The file an export job's downloadUrl serves: Archy's YAML (or Architect's own format) for one flow,
 * a zip of them for several. Built from the versions chosen when the job was submitted.
 */
import { ZipFile } from 'yazl'
import { archyTypeKey } from './flowConfiguration'
import type { FlowStore } from './flowStore'
import { yamlText } from './yamlText'

export type FlowExportType = 'Yaml' | 'Architect'

export interface FlowExportItem {
  flowId: string
  versionId: string
  fileName: string
  exportType: FlowExportType
}

export interface FlowExportFile {
  name: string
  contentType: string
  body: Buffer
}

/** Archy's YAML: the flow type is the top-level key; the rest is the configuration. */
export function exportedText(store: FlowStore, item: FlowExportItem): string {
  const configuration = store.configuration(item.flowId, item.versionId) ?? {}
  if (item.exportType === 'Architect') return JSON.stringify(configuration)
  const { type, version: _version, ...definition } = configuration
  return yamlText({ [String(type ?? 'flow')]: definition })
}

export async function exportFile(store: FlowStore, jobId: string, items: FlowExportItem[]): Promise<FlowExportFile> {
  if (items.length === 1) {
    const [item] = items
    const contentType = item.exportType === 'Yaml' ? 'application/x-yaml' : 'application/octet-stream'
    return { name: exportFileName(jobId, items), contentType, body: Buffer.from(exportedText(store, item)) }
  }
  const zip = new ZipFile()
  for (const item of items) zip.addBuffer(Buffer.from(exportedText(store, item)), item.fileName, { mtime: new Date(0) })
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  return { name: exportFileName(jobId, items), contentType: 'application/zip', body: Buffer.concat(chunks) }
}

/** What Archy names an export of `flowName` at `versionName` when the request names no file. */
export function defaultExportFileName(flowName: string, flowType: string, versionName: string, exportType: FlowExportType): string {
  const base = `${flowName.replace(/[^A-Za-z0-9]+/g, '_')}_v${versionName.replace('.', '-')}`
  return exportType === 'Yaml' ? `${base}.yaml` : `${base}.i3${archyTypeKey(flowType).replace(/^./, (c) => c.toUpperCase())}`
}

/** The name the download carries: the flow's file, or a zip named after the job. */
export function exportFileName(jobId: string, items: FlowExportItem[]): string {
  return items.length === 1 ? items[0].fileName : `flows-export-${jobId}.zip`
}
