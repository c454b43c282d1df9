import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { ARCHIVE_LAYOUT, FlowArchiveManifest } from '../../../../shared/contract/flows'
import { AppError } from '../../../../shared/errors'
import { formatBytes } from '../../../../shared/format'
import { parseJsonText } from '../../files/parseJsonText'

/** Larger than any flow's manifest (thousands of versions take a few MB). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024

export const VERIFY_HINT = 'Run Verify on the archive folder to see what changed, archive the flow again, then send the copy again.'

/** A flow's manifest in an archive folder: its bytes as they are, and its content checked against the format. */
export async function readManifestFile(
  folder: string,
  flowId: string,
): Promise<{ path: string; bytes: Buffer; manifest: FlowArchiveManifest }> {
  const path = join(folder, ARCHIVE_LAYOUT.manifestFile(flowId))
  const unreadable = (error: unknown) =>
    archiveFileError(
      `The archive's manifest ${path} cannot be read (${(error as NodeJS.ErrnoException)?.code ?? 'unknown error'}).`,
      VERIFY_HINT,
    )
  const info = await stat(path).catch((error: unknown) => {
    throw unreadable(error)
  })
  if (info.size > MAX_MANIFEST_BYTES)
    throw archiveFileError(`The archive's manifest ${path} is larger than ${formatBytes(MAX_MANIFEST_BYTES)}.`, VERIFY_HINT)
  const bytes = await readFile(path).catch((error: unknown) => {
    throw unreadable(error)
  })
  const json = parseJsonText(bytes.toString('utf8'))
  const parsed = json.ok ? FlowArchiveManifest.safeParse(json.value) : undefined
  if (!parsed?.success) throw archiveFileError(`The archive's manifest ${path} is not a valid flow archive manifest.`, VERIFY_HINT)
  return { path, bytes, manifest: parsed.data }
}

export function archiveFileError(message: string, hint: string): AppError {
  return new AppError({ code: 'file', message, hint })
}
