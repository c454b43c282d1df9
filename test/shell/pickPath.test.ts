import type { BrowserWindow } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'

type OpenResult = { canceled: boolean; filePaths: string[] }
type SaveResult = { canceled: boolean; filePath?: string }

const electron = vi.hoisted(() => {
  const dialog = {
    showOpenDialog: vi.fn<(...args: unknown[]) => Promise<OpenResult>>(),
    showSaveDialog: vi.fn<(...args: unknown[]) => Promise<SaveResult>>(),
  }
  return { module: { dialog } }
})
vi.mock('electron', () => ({ ...electron.module, default: electron.module }))

const { createPickPath } = await import('../../src/main/pickPath')
const { dialog } = electron.module

/** Stands in for the main BrowserWindow: the dialogs only need to know whether it still exists. */
function fakeWindow(destroyed = false) {
  return { isDestroyed: () => destroyed } as unknown as BrowserWindow
}

beforeEach(() => {
  dialog.showOpenDialog.mockReset()
  dialog.showSaveDialog.mockReset()
})

describe('the native folder dialog', () => {
  it('opens modal to the main window for folders only and returns the chosen folder', async () => {
    const window = fakeWindow()
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/home/admin/results'] })
    const pick = createPickPath(() => window)

    const path = await pick({ kind: 'folder', title: 'Choose the results folder', defaultPath: '/home/admin' })

    expect(path).toBe('/home/admin/results')
    expect(dialog.showOpenDialog).toHaveBeenCalledTimes(1)
    expect(dialog.showOpenDialog.mock.calls[0]).toStrictEqual([
      window,
      { title: 'Choose the results folder', defaultPath: '/home/admin', properties: ['openDirectory', 'createDirectory'] },
    ])
    expect(dialog.showSaveDialog).not.toHaveBeenCalled()
  })

  it('gives no path when the admin cancels, and leaves out a missing start folder', async () => {
    const window = fakeWindow()
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] })
    const path = await createPickPath(() => window)({ kind: 'folder', title: 'Choose a folder' })
    expect(path).toBeUndefined()
    expect(dialog.showOpenDialog.mock.calls[0]).toStrictEqual([
      window,
      { title: 'Choose a folder', properties: ['openDirectory', 'createDirectory'] },
    ])
  })

  it('opens free-standing when the main window is gone', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/srv/out'] })
    expect(await createPickPath(() => fakeWindow(true))({ kind: 'folder', title: 'Choose a folder' })).toBe('/srv/out')
    expect(await createPickPath(() => undefined)({ kind: 'folder', title: 'Choose a folder' })).toBe('/srv/out')
    for (const call of dialog.showOpenDialog.mock.calls) {
      expect(call).toStrictEqual([{ title: 'Choose a folder', properties: ['openDirectory', 'createDirectory'] }])
    }
  })
})

describe('the native save dialog', () => {
  it('passes the title, start path and filters, and returns the chosen file', async () => {
    const window = fakeWindow()
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/home/admin/audit.csv' })
    const filters = [
      { name: 'CSV', extensions: ['csv'] },
      { name: 'All files', extensions: ['*'] },
    ]

    const path = await createPickPath(() => window)({
      kind: 'saveFile',
      title: 'Save the audit export as',
      defaultPath: '/home/admin/audit-1.csv',
      filters,
    })

    expect(path).toBe('/home/admin/audit.csv')
    expect(dialog.showSaveDialog.mock.calls[0]).toStrictEqual([
      window,
      { title: 'Save the audit export as', defaultPath: '/home/admin/audit-1.csv', filters },
    ])
    expect(dialog.showOpenDialog).not.toHaveBeenCalled()
  })

  it('gives no path when the admin cancels (or Electron reports an empty path)', async () => {
    const window = fakeWindow()
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' })
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '' })
    const pick = createPickPath(() => window)
    expect(await pick({ kind: 'saveFile', title: 'Save as' })).toBeUndefined()
    expect(await pick({ kind: 'saveFile', title: 'Save as' })).toBeUndefined()
    expect(dialog.showSaveDialog.mock.calls[0]).toStrictEqual([window, { title: 'Save as' }])
  })
})
