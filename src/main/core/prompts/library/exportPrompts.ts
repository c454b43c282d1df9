/**
 * prompts.export: every prompt matching the filter (all pages) as a CSV file, written through a temp
 * file renamed into place, audited with its row count and path (ok or failed).
 */
import type { z } from 'zod'
import type { PromptExportInput, PromptExportResult } from '../../../../shared/contract/prompts'
import { appendAuditEntry, auditFailure, type AuditDetail } from '../../audit'
import { writeFileAtomic } from '../../files/writeFileAtomic'
import type { WorkflowServices } from '../../workflow'
import { exportTarget } from './exportTarget'
import { promptCsvText, promptRows } from './promptCsv'
import { nameFilter } from './promptSummary'
import { readAllPrompts } from './readAllPrompts'

const ACTION = 'prompts.export'
const TARGET = 'architect/prompts'

export async function exportPrompts(
  services: WorkflowServices,
  input: z.output<typeof PromptExportInput>,
  signal?: AbortSignal,
): Promise<PromptExportResult> {
  const profileId = services.profiles.activeId()
  const scope = await services.scope(profileId)
  const filter: AuditDetail = input.name ? { filter: input.name } : {}
  try {
    const path = await exportTarget(input.path, { dataDir: services.dataDir, now: services.now(), overwrite: input.overwrite === true })
    const { client } = services.connections.clientFor(profileId)
    const prompts = await readAllPrompts(client, nameFilter(input.name), { ...(signal ? { signal } : {}) })
    const rows = promptRows(prompts)
    const text = promptCsvText(rows)
    await writeFileAtomic(path, text)
    const sizeBytes = Buffer.byteLength(text, 'utf8')
    appendAuditEntry(services.audit, scope, ACTION, TARGET, 'ok', {
      path,
      prompts: prompts.length,
      rows: rows.length,
      sizeBytes,
      ...filter,
    })
    return { path, rows: rows.length, sizeBytes }
  } catch (error) {
    throw auditFailure(services.audit, scope, ACTION, TARGET, { path: input.path, ...filter }, error)
  } finally {
    await services.audit.flush()
  }
}
