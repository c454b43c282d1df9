/**
 * Dropped paths are admin-typed (the web shell passes staged copies, the API takes any string), so each
 * is checked as core/files/adminPaths.ts checks the paths one saves to: a full path, followed by its real
 * path, never into Switchboard's data folder. The one exception is the web shell's staging folder, where
 * a browser's dropped files (a CSV manifest too) are copied before they are planned.
 */
import { relative, isAbsolute, sep } from 'node:path'
import { AppError } from '../../../../shared/errors'
import { absoluteAdminPath, realPathOf } from '../../files/adminPaths'
import { stagingDirOf } from '../../files/stagingFolder'

export const PATHS_FIELD = 'paths'

export class DroppedPathGuard {
  private realData?: string

  constructor(private readonly dataDir: string) {}

  /** The typed path as a full path (~ expanded); a relative path is an invalid_input error. */
  absolute(typed: string): string {
    return absoluteAdminPath(typed, PATHS_FIELD, 'file')
  }

  /** Why a path may not be read (its real path leads into the data folder, staging aside), or undefined. */
  async refusalOf(path: string): Promise<string | undefined> {
    let real: string
    try {
      real = await realPathOf(path)
    } catch (error) {
      return `the path cannot be followed (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`
    }
    const data = await this.dataFolder()
    if (!isInside(real, data) || isInside(real, stagingDirOf(data))) return undefined
    const via = real === path ? '' : ` (through a link it is ${real})`
    return `it is inside Switchboard's data folder${via}, which holds the app's own state, not recordings`
  }

  /** Throws for a dropped path that may not be read: an admin-typed path that breaks the rule is an input error. */
  async assertReadable(path: string): Promise<void> {
    const refusal = await this.refusalOf(path)
    if (refusal === undefined) return
    throw new AppError({
      code: 'invalid_input',
      message: `${path} cannot be used: ${refusal}.`,
      hint: `Drop files from outside ${await this.dataFolder()}.`,
      details: [{ fieldName: PATHS_FIELD, errorCode: 'invalid.value' }],
    })
  }

  private async dataFolder(): Promise<string> {
    this.realData ??= await realPathOf(this.dataDir)
    return this.realData
  }
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}
