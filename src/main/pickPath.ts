/**
 * The Electron side of the Browse… buttons: Electron's native folder and save-file dialogs, modal to
 * the main window. The core decides what to ask and checks whatever path comes back before using it.
 */
import { dialog } from 'electron'
import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron'
import type { PickPathRequest } from './core'

/** A CoreDeps.pickPath whose dialogs belong to the window `parent()` returns (none: free-standing). */
export function createPickPath(parent: () => BrowserWindow | undefined): (request: PickPathRequest) => Promise<string | undefined> {
  return async (request) => {
    const window = parent()
    const owner = window && !window.isDestroyed() ? window : undefined
    if (request.kind === 'folder') {
      const options = folderDialogOptions(request)
      const { canceled, filePaths } = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options)
      return canceled ? undefined : filePaths[0] || undefined
    }
    const options = saveDialogOptions(request)
    const { canceled, filePath } = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options)
    return canceled ? undefined : filePath || undefined
  }
}

export function folderDialogOptions({ title, defaultPath }: PickPathRequest): OpenDialogOptions {
  return { title, ...(defaultPath ? { defaultPath } : {}), properties: ['openDirectory', 'createDirectory'] }
}

export function saveDialogOptions({ title, defaultPath, filters }: PickPathRequest): SaveDialogOptions {
  return { title, ...(defaultPath ? { defaultPath } : {}), ...(filters?.length ? { filters } : {}) }
}
