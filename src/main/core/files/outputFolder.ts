/**
 * Folders the admin saves into (privacy results, recordings, transcripts): one set of rules, so every
 * form can check its folder before work starts and get the same answers. A folder the admin names is
 * a full path, outside the data folder (its downloads and exports folders excepted), a folder, and
 * writable; where the workflow allows it, a missing folder is fine when it can be created. Empty means
 * the workflow's default folder inside the data folder, made private (0700) when first used.
 */
import type { Stats } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { AppError } from '../../../shared/errors'
import { absoluteAdminPath, assertOutsideDataFolder, assertWritableFolder, resolveAdminFolder } from './adminPaths'
import { ensurePrivateDir } from './privateFiles'

export interface OutputFolderRules {
  /** Where files go when the admin names no folder. */
  defaultFolder: string
  dataDir: string
  /** The form field errors point at. */
  fieldName: string
  /** A named folder that does not exist is made (downloads) rather than refused (privacy results). */
  createMissing: boolean
}

export interface OutputFolderCheck {
  /** The folder files will be written to: its real path. */
  folder: string
  /** False: it will be created when the work starts. */
  exists: boolean
  isDefault: boolean
}

/** Checks the folder without making it: what is wrong (missing, a file, not writable, inside the data folder) and what to do. */
export async function checkOutputFolder(typed: string, rules: OutputFolderRules): Promise<OutputFolderCheck> {
  const isDefault = typed.trim() === ''
  const path = isDefault ? rules.defaultFolder : absoluteAdminPath(typed, rules.fieldName, 'folder')
  await assertNoFileOnTheWay(path, rules)
  const folder = await assertOutsideDataFolder(path, rules)
  const info = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw fileError(`The folder ${folder} cannot be read (${error.code ?? 'unknown error'}).`, 'Choose a folder you can open.', rules)
  })
  if (info || (!isDefault && !rules.createMissing)) {
    // Exists, or must: the shared check says which of missing, a file, or not writable.
    await assertWritableFolder(folder, rules.fieldName)
    return { folder, exists: true, isDefault }
  }
  await assertCreatable(folder, rules)
  return { folder, exists: false, isDefault }
}

/** The folder to write into, made where the rules allow, checked: its real path. */
export async function prepareOutputFolder(typed: string, rules: OutputFolderRules): Promise<string> {
  if (typed.trim() === '') {
    // Made here, private, before the shared check would make it with the default mode.
    await ensurePrivateDir(rules.defaultFolder)
    return resolveAdminFolder('', rules)
  }
  if (!rules.createMissing) return resolveAdminFolder(typed, rules)
  const { folder, exists } = await checkOutputFolder(typed, rules)
  if (!exists) {
    await mkdir(folder, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw fileError(
        `The folder ${folder} cannot be created (${error.code ?? 'unknown error'}).`,
        'Choose a folder you may write to, or create it first.',
        rules,
      )
    })
  }
  // Checked again as made: a link put in its way meanwhile is followed and judged too.
  const real = await assertOutsideDataFolder(folder, rules)
  await assertWritableFolder(real, rules.fieldName)
  return real
}

/** The nearest part of the path that exists (the path itself when it does), with what it is. */
async function nearestExisting(path: string): Promise<{ ancestor: string; info?: Stats }> {
  let ancestor = path
  let info = await stat(ancestor).catch(() => undefined)
  while (!info && dirname(ancestor) !== ancestor) {
    ancestor = dirname(ancestor)
    info = await stat(ancestor).catch(() => undefined)
  }
  return { ancestor, ...(info ? { info } : {}) }
}

/** A file where a folder of the path should be: said plainly, before the path is followed any further. */
async function assertNoFileOnTheWay(folder: string, rules: OutputFolderRules): Promise<void> {
  const { ancestor, info } = await nearestExisting(folder)
  if (ancestor !== folder && info && !info.isDirectory())
    throw fileError(
      `The folder ${folder} cannot be created: ${ancestor} is a file, not a folder.`,
      'Choose another path, or move that file away.',
      rules,
    )
}

/** A missing folder can be made when its nearest existing ancestor is a folder Switchboard may write to. */
async function assertCreatable(folder: string, rules: OutputFolderRules): Promise<void> {
  await assertNoFileOnTheWay(folder, rules)
  const { ancestor } = await nearestExisting(folder)
  try {
    await assertWritableFolder(ancestor, rules.fieldName)
  } catch (error) {
    const why = error instanceof AppError ? ` ${error.message}` : ''
    throw fileError(
      `The folder ${folder} does not exist and cannot be created.${why}`,
      'Choose a folder you may write to, or ask for write access to its parent folder.',
      rules,
    )
  }
}

function fileError(message: string, hint: string, rules: OutputFolderRules): AppError {
  return new AppError({ code: 'file', message, hint, details: [{ fieldName: rules.fieldName, errorCode: 'invalid.value' }] })
}
