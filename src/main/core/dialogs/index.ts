/**
 * Native folder and save-file dialogs behind the Browse… buttons. The shell supplies them (Electron's
 * dialog module); without one (the web shell) every call answers `supported: false` and the admin types
 * the path. The chosen path is not trusted here: whatever uses it checks it like a typed path.
 */
import { dialogMethods, type PickPathResult } from '../../../shared/contract/dialogs'
import { AppError } from '../../../shared/errors'
import { absoluteAdminPath } from '../files/adminPaths'
import type { PickPathRequest } from '../types'
import { defineWorkflow } from '../kit'

export const dialogsWorkflow = defineWorkflow(dialogMethods, (services) => {
  const pick = async (request: PickPathRequest): Promise<PickPathResult> => {
    if (!services.pickPath) return { supported: false }
    let path: string | undefined
    try {
      path = await services.pickPath(request)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new AppError({
        code: 'internal',
        message: `The ${request.kind === 'folder' ? 'folder' : 'save'} dialog could not open (${reason.slice(0, 200)}).`,
        hint: 'Type the full path into the field instead.',
      })
    }
    return path ? { supported: true, path } : { supported: true }
  }
  return {
    handlers: {
      'dialogs.pickFolder': async ({ title, defaultPath }) => pick({ kind: 'folder', title, ...startAt(defaultPath) }),
      'dialogs.pickSaveFile': async ({ title, defaultPath, filters }) =>
        pick({ kind: 'saveFile', title, ...startAt(defaultPath), ...(filters?.length ? { filters } : {}) }),
    },
  }
})

/** The dialog opens where the input points when that is a full path (a half-typed one is ignored). */
function startAt(typed: string | undefined): { defaultPath?: string } {
  if (!typed?.trim()) return {}
  try {
    return { defaultPath: absoluteAdminPath(typed, 'defaultPath', 'folder') }
  } catch {
    return {}
  }
}
