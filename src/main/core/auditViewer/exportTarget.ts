/**
 * Where an export may be written: a full path whose folder exists and takes a test file, not a folder,
 * not inside the audit log's own folder, and not an existing file unless the admin confirmed replacing it.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, rm, stat, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import type { AuditExportFormat } from '../../../shared/contract/audit'
import { AppError } from '../../../shared/errors'

export const EXPORT_EXTENSIONS: Record<AuditExportFormat, string> = { jsonl: 'jsonl', csv: 'csv', bundle: 'zip' }

export function exportFolder(dataDir: string): string {
  return join(dataDir, 'exports')
}

/** A fresh file name in the default export folder (made if missing), e.g. audit-2025-01-31T09-00-00.csv. */
export async function suggestExportPath(dataDir: string, format: AuditExportFormat, now: Date): Promise<string> {
  const folder = exportFolder(dataDir)
  await mkdir(folder, { recursive: true })
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-')
  for (let n = 1; ; n++) {
    const path = join(folder, `audit-${stamp}${n === 1 ? '' : `-${n}`}.${EXPORT_EXTENSIONS[format]}`)
    if (!(await exists(path))) return path
  }
}

export async function checkExportTarget(input: string, opts: { overwrite: boolean; auditDir: string }): Promise<string> {
  const typed = input.trim()
  const expanded = typed === '~' || typed.startsWith('~/') ? join(homedir(), typed.slice(1)) : typed
  if (!isAbsolute(expanded)) {
    throw pathError(`“${typed}” is not a full file path.`, 'Enter the whole path, starting with / (or a drive letter such as C:\\ on Windows), including the file name.')
  }
  const path = resolve(expanded)
  const inAudit = relative(resolve(opts.auditDir), path)
  if (!inAudit.startsWith('..') && !isAbsolute(inAudit)) {
    throw pathError(`${path} is inside the audit log's own folder.`, 'Export to another folder, for example the suggested one: the log folder holds only the log.')
  }
  const folder = dirname(path)
  const folderInfo = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw pathError(`The folder ${folder} does not exist.`, 'Create it first, or choose a folder that exists. Switchboard does not create folders you name.')
    throw pathError(`The folder ${folder} cannot be read (${error.code ?? 'unknown error'}).`, 'Choose a folder you can open.')
  })
  if (!folderInfo.isDirectory()) throw pathError(`${folder} is a file, not a folder.`, 'Choose a path inside a folder.')
  const existing = await stat(path).catch(() => undefined)
  if (existing?.isDirectory()) throw pathError(`${path} is a folder.`, 'Add a file name to the path, for example audit.csv.')
  if (existing && !opts.overwrite) {
    throw new AppError({
      code: 'conflict',
      message: `${path} already exists.`,
      hint: 'Choose another file name, or confirm that the existing file may be replaced (it is replaced only once the export is complete).',
      details: [{ fieldName: 'path', errorCode: 'file.exists' }],
    })
  }
  await assertWritable(folder)
  return path
}

async function assertWritable(folder: string): Promise<void> {
  const probe = join(folder, `.switchboard-write-test-${randomBytes(4).toString('hex')}`)
  try {
    await writeFile(probe, '', { flag: 'wx' })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw pathError(`Switchboard cannot write to ${folder} (${code}).`, 'Choose a folder you may write to, or ask for write access to this one.')
  } finally {
    await rm(probe, { force: true })
  }
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
