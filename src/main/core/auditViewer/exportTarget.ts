/**
 * Where an export may be written: a full path whose folder exists and takes a test file, not a folder,
 * not inside the data folder by any path (symlinks resolved, the file itself included; its exports
 * folder is fine), and not an existing file unless the admin confirmed replacing it. The real path is
 * returned: the export is written there, through a temp file renamed into place.
 */
import { stat } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { AUDIT_EXPORT_EXTENSIONS, type AuditExportFormat } from '../../../shared/contract/audit'
import { AppError } from '../../../shared/errors'
import { absoluteAdminPath, assertOutsideDataFolder, assertWritableFolder } from '../files/adminPaths'
import { ensurePrivateDir } from '../files/privateFiles'

export function exportFolder(dataDir: string): string {
  return join(dataDir, 'exports')
}

/** A fresh file name in the default export folder (made if missing), e.g. audit-2025-01-31T09-00-00.csv. */
export async function suggestExportPath(dataDir: string, format: AuditExportFormat, now: Date): Promise<string> {
  const folder = exportFolder(dataDir)
  await ensurePrivateDir(folder)
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-')
  for (let n = 1; ; n++) {
    const path = join(folder, `audit-${stamp}${n === 1 ? '' : `-${n}`}.${AUDIT_EXPORT_EXTENSIONS[format]}`)
    if (!(await exists(path))) return path
  }
}

export async function checkExportTarget(input: string, opts: { overwrite: boolean; auditDir: string; dataDir: string }): Promise<string> {
  const typed = absoluteAdminPath(input, 'path', 'file')
  const inAudit = relative(resolve(opts.auditDir), typed)
  if (!inAudit.startsWith('..') && !isAbsolute(inAudit)) {
    throw pathError(
      `${typed} is inside the audit log's own folder.`,
      'Export to another folder, for example the suggested one: the log folder holds only the log.',
    )
  }
  const path = await assertOutsideDataFolder(typed, { dataDir: opts.dataDir, fieldName: 'path' })
  const existing = await stat(path).catch(() => undefined)
  if (existing?.isDirectory()) throw pathError(`${path} is a folder.`, 'Add a file name to the path, for example audit.csv.')
  await assertWritableFolder(dirname(path), 'path')
  if (existing && !opts.overwrite) {
    throw new AppError({
      code: 'conflict',
      message: `${path} already exists.`,
      hint: 'Choose another file name, or confirm that the existing file may be replaced (it is replaced only once the export is complete).',
      details: [{ fieldName: 'path', errorCode: 'file.exists' }],
    })
  }
  return path
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

function pathError(message: string, hint: string): AppError {
  return new AppError({ code: 'invalid_input', message, hint, details: [{ fieldName: 'path', errorCode: 'invalid.value' }] })
}
