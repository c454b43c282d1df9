/**
 * An archived configuration file as one side of a comparison: found by its hash in the archive folder
 * (checked by its real path), never through a link, and trusted only if its content still has the hash
 * its name says.
 */
import { createHash } from 'node:crypto'
import { lstat } from 'node:fs/promises'
import { join } from 'node:path'
import { ARCHIVE_LAYOUT } from '../../../../shared/contract/flows/archive'
import type { CompareSideInfo } from '../../../../shared/contract/flows/compare'
import { AppError } from '../../../../shared/errors'
import { formatBytes } from '../../../../shared/format'
import { parseJsonText } from '../../files/parseJsonText'
import { openArchiveEntry, readManifests, resolveArchiveFolder } from '../verify'
import type { LoadedSide } from './loadedSide'
import { archivedLabel } from './sideLabels'

/** The largest configuration compare reads: the same as the API client's answer cap. */
export const MAX_ARCHIVED_CONFIGURATION_BYTES = 32 * 1024 * 1024

export async function loadArchivedSide(
  side: { folder: string; sha256: string },
  dataDir: string,
  fieldName: string,
  signal?: AbortSignal,
): Promise<LoadedSide> {
  const archive = await resolveArchiveFolder(side.folder, dataDir, fieldName)
  const file = ARCHIVE_LAYOUT.configurationFile(side.sha256)
  const short = `${side.sha256.slice(0, 8)}…`
  const bytes = await readArchivedFile(archive, file, short)
  const actual = createHash('sha256').update(bytes).digest('hex')
  if (actual !== side.sha256) {
    throw new AppError({
      code: 'file',
      message: `The archived file ${short} was changed after it was archived: its content's SHA-256 is now ${actual.slice(0, 8)}…, not the one its name says.`,
      hint: 'Do not trust this copy. Verify the archive folder to see every changed file, and restore this one from a backup copy.',
    })
  }
  const parsed = parseJsonText(bytes.toString('utf8'))
  if (!parsed.ok) {
    throw new AppError({
      code: 'file',
      message: `The archived file ${short} is not JSON, so it cannot be compared.`,
      hint: 'Its hash matches its name, so it was archived this way: archive the version again from the platform to compare it.',
    })
  }
  const named = await namedVersion(archive, side.sha256, signal)
  const info: CompareSideInfo = { kind: 'archived', fileSha256: side.sha256, ...named }
  return {
    label: archivedLabel(side.sha256, named?.versionName ? { versionName: named.versionName, flowName: named.flowName } : undefined),
    info,
    configuration: parsed.value,
  }
}

async function readArchivedFile(archive: string, file: string, short: string): Promise<Buffer> {
  const folderInfo = await lstat(join(archive, ARCHIVE_LAYOUT.configurations)).catch(() => undefined)
  if (folderInfo?.isSymbolicLink()) {
    throw new AppError({
      code: 'file',
      message: `The ${ARCHIVE_LAYOUT.configurations} folder of ${archive} is a link; compare does not follow links out of an archive folder.`,
      hint: 'Compare with the archive folder it points to instead, or replace the link with the real folder.',
    })
  }
  const entry = await openArchiveEntry(archive, join(archive, file))
  if (entry.kind === 'missing') {
    throw new AppError({
      code: 'not_found',
      message: `There is no archived file ${short} in ${archive}.`,
      hint: 'Check the folder, or verify it to see which files are missing.',
    })
  }
  if (entry.kind === 'link') {
    throw new AppError({
      code: 'file',
      message: `The archived file ${short} is a link${entry.outside ? ' pointing outside the archive folder' : ''}, not a file; compare does not follow links.`,
      hint: 'Replace the link with the real file from a backup copy.',
    })
  }
  if (entry.kind === 'not-a-file') {
    throw new AppError({
      code: 'file',
      message: `${file} in ${archive} is a ${entry.what}, not a file.`,
      hint: 'Verify the archive folder.',
    })
  }
  try {
    if (entry.sizeBytes > MAX_ARCHIVED_CONFIGURATION_BYTES) {
      throw new AppError({
        code: 'file',
        message: `The archived file ${short} is ${formatBytes(entry.sizeBytes)}, more than a flow configuration can be (${formatBytes(MAX_ARCHIVED_CONFIGURATION_BYTES)}).`,
        hint: 'Verify the archive folder: this file was probably replaced.',
      })
    }
    return await entry.handle.readFile()
  } finally {
    await entry.handle.close()
  }
}

/** The version (and flow) a manifest of the folder names for this file, newest first; none when no manifest does. */
async function namedVersion(archive: string, sha256: string, signal?: AbortSignal) {
  const { valid } = await readManifests(archive, signal)
  for (const { manifest } of valid) {
    const version = manifest.versions.find((v) => v.sha256 === sha256)
    if (version) {
      return { flowId: manifest.flow.id, flowName: manifest.flow.name, versionId: version.id, versionName: version.name }
    }
  }
  return undefined
}
