/**
 * The hardened main window and the guards every web contents and the session get.
 *
 * The renderer is untrusted by design: it runs sandboxed with context isolation and no Node, cannot
 * navigate away (nor can any subframe navigate), open windows, attach webviews or get any permission, and
 * reaches the OS only through the allowlisted bridge. The built renderer is served from app://switchboard/
 * (rendererProtocol.ts) so its CSP arrives as a header. External links open in the user's browser only when they are https.
 */
import { join } from 'node:path'
import { BrowserWindow, Menu, dialog, shell } from 'electron'
import type { App, BrowserWindowConstructorOptions, MenuItemConstructorOptions, Session, WebContents } from 'electron'
import { APP_TITLE } from './appIdentity'

export { APP_TITLE }

export interface MainWindowConfig {
  /** Absolute path of the built CommonJS preload (out/preload/index.cjs). */
  preloadPath: string
  /** `electron-vite dev`: the renderer comes from the dev server and DevTools are allowed. */
  dev: boolean
  /** The window's icon: a PNG made from resources/icon.svg (appIconPath). */
  iconPath: string
}

/** The app icon for the window, from the folder of the built main process (out/main, two levels under the root). */
export function appIconPath(mainDir: string): string {
  return join(mainDir, '..', '..', 'resources', 'icons', '256x256.png')
}

/** Pure, so tests can assert every security flag. */
export function mainWindowOptions({ preloadPath, dev, iconPath }: MainWindowConfig): BrowserWindowConstructorOptions {
  return {
    title: APP_TITLE,
    icon: iconPath,
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: dev,
    },
  }
}

/**
 * script-src 'self' always. In dev only, the React refresh preamble is an inline script and Vite's
 * hot reload needs a websocket, so those two are allowed there and nowhere else.
 */
export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'none'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    // Prompt audio is played from a Blob URL the page makes of the bytes the core fetched.
    'media-src blob:',
    dev ? "connect-src 'self' ws://localhost:* ws://127.0.0.1:*" : "connect-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** The only URLs Switchboard hands to the OS: well-formed https without embedded credentials. */
export function isSafeExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === ''
  } catch {
    return false
  }
}

export type OpenExternal = (url: string) => Promise<void>

/** The single path to shell.openExternal: validate, then open. Returns whether it opened. */
export async function openExternalSafely(url: unknown, openExternal: OpenExternal = (u) => shell.openExternal(u)): Promise<boolean> {
  if (typeof url !== 'string' || !isSafeExternalUrl(url)) return false
  await openExternal(new URL(url).href)
  return true
}

/** Navigation stays on the current document: only a change of the #fragment is the same URL. */
export function isSameDocument(targetUrl: string, currentUrl: string): boolean {
  try {
    const target = new URL(targetUrl)
    const current = new URL(currentUrl)
    target.hash = ''
    current.hash = ''
    return target.href === current.href
  } catch {
    return false
  }
}

type GuardedContents = Pick<WebContents, 'on' | 'getURL' | 'setWindowOpenHandler'>

/** What Electron's will-frame-navigate hands over, reduced to what the guard reads. */
export interface FrameNavigation {
  readonly isMainFrame: boolean
  readonly url: string
  preventDefault(): void
}

/** Applied to every web contents the app creates (see installWebContentsGuards). */
export function hardenWebContents(contents: GuardedContents, openExternal: OpenExternal = (u) => shell.openExternal(u)): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string) => {
    if (isSameDocument(url, contents.getURL())) return
    event.preventDefault()
    // A plain https link clicked in the app still reaches the user's browser, through the same check.
    void openExternalSafely(url, openExternal).catch(reportOpenFailure)
  }
  contents.on('will-navigate', (event, url) => refuseNavigation(event, url))
  contents.on('will-redirect', (event, url) => refuseNavigation(event, url))
  // will-navigate sees only the main frame. Our page has no frames (frame-src 'none'), so any subframe
  // navigation is someone else's: refuse it, and leave the main frame to the rule above.
  contents.on('will-frame-navigate', (event: FrameNavigation) => {
    if (!event.isMainFrame) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url, openExternal).catch(reportOpenFailure)
    return { action: 'deny' }
  })
}

function reportOpenFailure(error: unknown): void {
  console.warn(`Could not open the link in the browser: ${error instanceof Error ? error.message : String(error)}`)
}

/** Guards web contents as soon as they exist, before any page loads in them. */
export function installWebContentsGuards(app: Pick<App, 'on'>, openExternal?: OpenExternal): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal))
}

type HardenedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>
}

/**
 * The permissions our own page gets: writing plain text to the clipboard (the "Copy correlation id"
 * buttons) and desktop notifications (a privacy export that finished after days). Navigation is locked
 * to our renderer, so no other page can ask for them.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'notifications'])

/**
 * Denies every other permission (camera, notifications, clipboard reading, openExternal, devices ...)
 * and sets the CSP header on every response the session sees (the dev server's among them); the app://
 * handler sets the same header on the built renderer's files itself.
 */
export function hardenSession(session: HardenedSession, dev: boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)))
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission))
  session.setDevicePermissionHandler(() => false)
  const policy = contentSecurityPolicy(dev)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) })
  })
}

/** Replaces any CSP header the response had (header names are case-insensitive). */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined, policy: string): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy')
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] }
}

/** Minimal menu: Edit (copy and paste need it on macOS) and Quit; Reload and DevTools in dev only. */
export function appMenuTemplate({ dev, isMac }: { dev: boolean; isMac: boolean }): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [
    isMac
      ? { label: APP_TITLE, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'quit' }] }
      : { label: 'File', submenu: [{ role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
  ]
  if (dev) template.push({ label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] })
  return template
}

export function installAppMenu(dev: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ dev, isMac: process.platform === 'darwin' })))
}

export interface CreateMainWindowConfig extends MainWindowConfig {
  /** RENDERER_URL (app://switchboard/index.html), or the dev server URL. */
  rendererUrl: string
}

export function createMainWindow(config: CreateMainWindowConfig): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(config))
  window.once('ready-to-show', () => window.show())
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') void offerReload(window, details.reason)
  })
  void window.loadURL(config.rendererUrl).catch((error: unknown) => {
    console.error(`Could not load the Switchboard window from ${config.rendererUrl}: ${String(error)}`)
  })
  return window
}

/** A crashed renderer leaves a blank window: say so and let the admin reload (jobs keep running). */
async function offerReload(window: BrowserWindow, reason: string): Promise<void> {
  console.error(`The Switchboard window stopped (${reason}).`)
  if (window.isDestroyed()) return
  const { response } = await dialog.showMessageBox(window, {
    type: 'error',
    buttons: ['Reload window', 'Leave it'],
    defaultId: 0,
    cancelId: 1,
    message: `The Switchboard window stopped unexpectedly (${reason}).`,
    detail: 'Running jobs continue in the background. Reload the window to see them again.',
  })
  if (response === 0 && !window.isDestroyed()) window.webContents.reload()
}
