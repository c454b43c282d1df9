/**
 * The Electron shell: one instance, the in-process Sandbox org, the core, the IPC binding and the
 * hardened window. Everything the product does lives in the core; this file only wires it up.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron'
import { AppError, toAppError } from '../shared/errors'
import { useAppIdentity } from './appIdentity'
import { createCore } from './core'
import type { Core } from './core'
import { bindCoreToIpc, createSenderCheck, trustedWebContents } from './ipc'
import { createPickPath } from './pickPath'
import { installQuitGuard, quitConfirmation, quitWhenWindowCloses } from './quitGuard'
import { RENDERER_URL, installRendererProtocol, registerRendererScheme } from './rendererProtocol'
import { startSandbox } from './sandbox'
import { createSafeStorageSecretBox } from './secrets'
import { openElectronStore } from './settingsStore'
import { appIconPath, createMainWindow, hardenSession, installAppMenu, installWebContentsGuards, isSafeExternalUrl } from './window'
import packageJson from '../../package.json'

const here = dirname(fileURLToPath(import.meta.url))
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const dev = devServerUrl !== undefined
const rendererUrl = devServerUrl ?? RENDERER_URL
const rendererDir = join(here, '../renderer')
const preloadPath = join(here, '../preload/index.cjs')
const iconPath = appIconPath(here)

// One data folder however Electron was started (`electron .` or `electron out/main/index.js`).
useAppIdentity(app)

let mainWindow: BrowserWindow | undefined
let started = false

/** The only way to shell.openExternal: the core validates first, and this checks again. */
async function openExternal(url: string): Promise<void> {
  if (!isSafeExternalUrl(url)) {
    throw new AppError({
      code: 'invalid_input',
      message: `Refused to open ${url.slice(0, 200)}.`,
      hint: 'Only https links are opened outside the app.',
    })
  }
  await shell.openExternal(new URL(url).href)
}

function showMainWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
    return
  }
  mainWindow = createMainWindow({ preloadPath, rendererUrl, dev, iconPath })
}

async function confirmQuit(running: number): Promise<boolean> {
  const { message, detail } = quitConfirmation(running)
  const options = { type: 'warning' as const, buttons: ['Keep running', 'Quit anyway'], defaultId: 0, cancelId: 0, message, detail }
  const parent = mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)
  return response === 1
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, dev)
  installRendererProtocol(protocol, rendererDir)
  installAppMenu(dev)

  const sandbox = await startSandbox({ port: 0 })
  let core: Core
  try {
    core = await createCore({
      dataDir: app.getPath('userData'),
      shell: 'electron',
      version: packageJson.version,
      secretBox: createSafeStorageSecretBox(safeStorage),
      sandbox: { url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
      openSettings: openElectronStore,
      openExternal,
      showItemInFolder: (path) => shell.showItemInFolder(path),
      pickPath: createPickPath(() => mainWindow),
    })
  } catch (error) {
    await sandbox.close()
    throw error
  }

  const windows = () => BrowserWindow.getAllWindows().map((window) => window.webContents)
  const unbind = bindCoreToIpc(ipcMain, core, createSenderCheck(windows, rendererUrl), {
    eventTargets: () => trustedWebContents(windows, rendererUrl),
  })

  const guard = installQuitGuard(app, {
    runningJobs: () => core.runningJobs(),
    confirmQuit,
    shutdown: async () => {
      unbind()
      try {
        await core.close()
      } finally {
        await sandbox.close()
      }
    },
  })

  started = true
  showMainWindow()
  if (mainWindow) quitWhenWindowCloses(mainWindow, app, guard)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) showMainWindow()
  })
}

function failedToStart(error: unknown): void {
  const { message, hint } = toAppError(error)
  console.error('Switchboard could not start:', error)
  dialog.showErrorBox('Switchboard could not start', `${message}\n\n${hint}`)
  app.exit(1)
}

if (!app.requestSingleInstanceLock()) {
  // Another Switchboard already runs on this data folder; it gets focus instead (second-instance).
  app.quit()
} else {
  // Before ready, or app:// would not be a standard, secure origin.
  registerRendererScheme(protocol)
  installWebContentsGuards(app, openExternal)
  app.on('second-instance', () => {
    if (started) showMainWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.whenReady().then(start).catch(failedToStart)
}
