/**
 * The CSV manifest beside the downloaded files: one row per item (file, ids, start time, content type,
 * size, SHA-256, state and reason), rewritten whole through a temp file and a rename, so a reader never
 * sees half of it.
 */
import { stringify } from 'csv-stringify/sync'
import { basename } from 'node:path'
import { defuseFormula } from '../../files/csvFormula'
import { writeFileAtomic } from '../../files/writeFileAtomic'
import type { DownloadRecord, ItemRecord } from './downloadRecord'

export const MANIFEST_COLUMNS = [
  'file',
  'conversationId',
  'recordingId',
  'startTime',
  'contentType',
  'size',
  'sha256',
  'state',
  'reason',
  'transcript',
] as const

export function manifestName(downloadId: string): string {
  return `manifest-${downloadId}.csv`
}

export function manifestText(record: DownloadRecord): string {
  const rows = record.items.map((item) => rowOf(record, item))
  return stringify(rows, { header: true, columns: [...MANIFEST_COLUMNS] })
}

export async function writeManifest(record: DownloadRecord): Promise<void> {
  await writeFileAtomic(record.manifestPath, manifestText(record))
}

function rowOf(record: DownloadRecord, item: ItemRecord): Record<(typeof MANIFEST_COLUMNS)[number], string> {
  const saved = item.state === 'saved'
  const transcript = record.transcriptOutcomes.get(item.conversationId)
  return {
    file: defuseFormula(saved && item.path ? basename(item.path) : (item.fileName ?? '')),
    conversationId: item.conversationId,
    recordingId: defuseFormula(item.recordingId),
    startTime: item.startTime ?? '',
    contentType: defuseFormula(item.contentType ?? ''),
    size: saved ? String(item.bytes) : '',
    sha256: saved ? (item.sha256 ?? '') : '',
    state: item.state,
    reason: defuseFormula(reasonOf(item)),
    transcript: transcript ? defuseFormula(`${transcript.state}${transcript.reason ? `: ${transcript.reason}` : ''}`) : '',
  }
}

function reasonOf(item: ItemRecord): string {
  if (item.state === 'failed') return item.error?.message ?? 'failed'
  if (item.state === 'skipped') return item.existingPath ? `a file named ${basename(item.existingPath)} already existed` : 'skipped'
  if (item.state === 'saved' && item.renamedFrom) return `saved under another name: ${item.renamedFrom} already existed`
  if (item.state === 'asking') return 'waiting for a decision: the file already exists'
  return ''
}
