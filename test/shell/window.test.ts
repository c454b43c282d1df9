import { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { FakeWebContents, fakeEvent, fakeFrame, fakeFrameNavigation, settle } from './fakes'

const electron = vi.hoisted(() => {
  const created: { options: unknown; loaded: string[] }[] = []
  class BrowserWindow {
    readonly loaded: string[] = []
    readonly webContents = { on: () => undefined, reload: () => undefined }
    constructor(readonly options: unknown) {
      created.push({ options, loaded: this.loaded })
    }
    once(): void {}
    show(): void {}
    isDestroyed(): boolean {
      return false
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url)
      return Promise.resolve()
    }
  }
  const shell = { openExternal: async (_url: string) => undefined }
  const Menu = { setApplicationMenu: () => undefined, buildFromTemplate: (t: unknown) => t }
  const dialog = { showMessageBox: async () => ({ response: 1 }) }
  return { created, module: { BrowserWindow, shell, Menu, dialog } }
})
vi.mock('electron', () => ({ ...electron.module, default: electron.module }))

const {
  appIconPath,
  appMenuTemplate,
  contentSecurityPolicy,
  createMainWindow,
  hardenSession,
  hardenWebContents,
  installWebContentsGuards,
  isSafeExternalUrl,
  isSameDocument,
  mainWindowOptions,
  withContentSecurityPolicy,
} = await import('../../src/main/window')

const RENDERER = 'app://switchboard/index.html'
const ICON = '/app/resources/icons/256x256.png'

describe('main window options', () => {
  const options = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', dev: false, iconPath: ICON })
  const prefs = options.webPreferences ?? {}

  it('isolates and sandboxes the renderer', () => {
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
  })

  it('keeps web security on and webviews off', () => {
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.experimentalFeatures).toBe(false)
    expect(prefs.navigateOnDragDrop).toBe(false)
  })

  it('loads the CommonJS preload and allows DevTools only in dev', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs')
    expect(prefs.devTools).toBe(false)
    expect(mainWindowOptions({ preloadPath: 'p', dev: true, iconPath: ICON }).webPreferences?.devTools).toBe(true)
  })

  it('creates the window with those options and loads the renderer URL', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', dev: false, rendererUrl: RENDERER, iconPath: ICON })
    const last = electron.created.at(-1)
    expect(last?.options).toEqual(mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', dev: false, iconPath: ICON }))
    expect(last?.loaded).toEqual([RENDERER])
  })

  it('gives the window the app icon made from resources/icon.svg', () => {
    createMainWindow({ preloadPath: 'p', dev: false, rendererUrl: RENDERER, iconPath: ICON })
    expect((electron.created.at(-1)?.options as { icon?: unknown }).icon).toBe(ICON)
    // index.ts passes appIconPath(out/main): from the built main process it finds the committed PNG.
    const fromBuild = appIconPath(join(process.cwd(), 'out', 'main'))
    expect(fromBuild).toBe(join(process.cwd(), 'resources', 'icons', '256x256.png'))
    const png = readFileSync(fromBuild)
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(png.readUInt32BE(16)).toBe(256)
  })
})

describe('content security policy', () => {
  it("allows scripts from 'self' only in the built app", () => {
    const policy = contentSecurityPolicy(false)
    const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src'))
    expect(scriptSrc).toBe("script-src 'self'")
    expect(policy).toContain("object-src 'none'")
    expect(policy).toContain("default-src 'none'")
    expect(policy).not.toContain('unsafe-eval')
  })

  it("lets the built app connect to 'self' only: the core is reached over IPC, not HTTP", () => {
    const connectSrc = contentSecurityPolicy(false)
      .split('; ')
      .find((d) => d.startsWith('connect-src'))
    expect(connectSrc).toBe("connect-src 'self'")
  })

  it('leaves the policy to the response header: the page carries no looser one of its own', () => {
    // A meta CSP would apply on top of the header; the old one allowed ws:// and http:// to any local port.
    const page = readFileSync('src/renderer/index.html', 'utf8')
    expect(page).not.toMatch(/http-equiv=["']?Content-Security-Policy/i)
  })

  it('replaces any CSP header the response had, whatever its case', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ['script-src *'], 'X-Other': ['1'] }, "script-src 'self'")
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': ["script-src 'self'"] })
  })
})

describe('external links', () => {
  it.each([
    ['https://help.mypurecloud.com/articles/x', true],
    ['http://example.com', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>1</script>', false],
    ['smb://server/share', false],
    ['https://user:pass@example.com', false],
    ['not a url', false],
    ['', false],
  ])('%s is safe to open: %s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe)
  })

  it('treats only a #fragment change as the same document', () => {
    expect(isSameDocument(`${RENDERER}#/uploads`, `${RENDERER}#/audit`)).toBe(true)
    expect(isSameDocument('file:///etc/passwd', RENDERER)).toBe(false)
    expect(isSameDocument('app://switchboard/other.html', RENDERER)).toBe(false)
    expect(isSameDocument('app://evil/index.html', RENDERER)).toBe(false)
    expect(isSameDocument('https://evil.example/', RENDERER)).toBe(false)
  })
})

describe('web contents guards', () => {
  function guarded() {
    const contents = new FakeWebContents(1, fakeFrame(RENDERER))
    const opened: string[] = []
    hardenWebContents(contents as never, async (url) => {
      opened.push(url)
    })
    return { contents, opened }
  }

  it('refuses navigation away from the app and sends https links to the browser', async () => {
    const { contents, opened } = guarded()
    const away = fakeEvent()
    contents.emit('will-navigate', away, 'https://evil.example/phish')
    const fileNav = fakeEvent()
    contents.emit('will-navigate', fileNav, 'file:///etc/passwd')
    await settle()
    expect(away.defaultPrevented).toBe(true)
    expect(fileNav.defaultPrevented).toBe(true)
    expect(opened).toEqual(['https://evil.example/phish'])
  })

  it('lets the page move between its own routes', () => {
    const { contents } = guarded()
    const sameDoc = fakeEvent()
    contents.emit('will-navigate', sameDoc, `${RENDERER}#/audit`)
    expect(sameDoc.defaultPrevented).toBe(false)
  })

  it('refuses every navigation of a subframe, wherever it goes', () => {
    const { contents } = guarded()
    for (const url of [RENDERER, 'https://evil.example/', 'app://switchboard/other.html', 'about:blank']) {
      const navigation = fakeFrameNavigation(false, url)
      contents.emit('will-frame-navigate', navigation)
      expect(navigation.defaultPrevented, url).toBe(true)
    }
  })

  it('leaves main-frame navigation to the will-navigate rule', () => {
    const { contents } = guarded()
    const navigation = fakeFrameNavigation(true, `${RENDERER}#/audit`)
    contents.emit('will-frame-navigate', navigation)
    expect(navigation.defaultPrevented).toBe(false)
  })

  it('refuses redirects elsewhere', () => {
    const { contents } = guarded()
    const redirect = fakeEvent()
    contents.emit('will-redirect', redirect, 'http://127.0.0.1:9/steal')
    expect(redirect.defaultPrevented).toBe(true)
  })

  it('denies every window.open and opens only https links externally', async () => {
    const { contents, opened } = guarded()
    const handler = contents.windowOpenHandler
    expect(handler).toBeDefined()
    for (const url of ['https://developer.genesys.cloud/', 'http://example.com', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(handler?.({ url })).toEqual({ action: 'deny' })
    }
    await settle()
    expect(opened).toEqual(['https://developer.genesys.cloud/'])
  })

  it('refuses to attach webviews', () => {
    const { contents } = guarded()
    const attach = fakeEvent()
    contents.emit('will-attach-webview', attach, {}, {})
    expect(attach.defaultPrevented).toBe(true)
  })

  it('guards every web contents the app creates', () => {
    const app = new EventEmitter()
    installWebContentsGuards(app as never, async () => undefined)
    const contents = new FakeWebContents(2, fakeFrame('about:blank'))
    app.emit('web-contents-created', fakeEvent(), contents)
    const attach = fakeEvent()
    contents.emit('will-attach-webview', attach, {}, {})
    expect(attach.defaultPrevented).toBe(true)
    expect(contents.windowOpenHandler?.({ url: 'https://x.example' })).toEqual({ action: 'deny' })
  })
})

describe('session hardening', () => {
  function hardened() {
    const captured: {
      request?: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void
      check?: (wc: unknown, permission: string) => boolean
      device?: (details: unknown) => boolean
      headers?: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (r: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void
    } = {}
    const session = {
      setPermissionRequestHandler: (h: typeof captured.request) => (captured.request = h),
      setPermissionCheckHandler: (h: typeof captured.check) => (captured.check = h),
      setDevicePermissionHandler: (h: typeof captured.device) => (captured.device = h),
      webRequest: { onHeadersReceived: (h: typeof captured.headers) => (captured.headers = h) },
    }
    hardenSession(session as never, false)
    return captured
  }

  it.each(['media', 'geolocation', 'openExternal', 'clipboard-read', 'fullscreen', 'hid'])(
    'denies the %s permission request',
    (permission) => {
      const { request, check } = hardened()
      const answers: boolean[] = []
      request?.({}, permission, (granted) => answers.push(granted))
      expect(answers).toEqual([false])
      expect(check?.({}, permission)).toBe(false)
    },
  )

  it.each(['clipboard-sanitized-write', 'notifications'])('allows our page %s', (permission) => {
    const { request, check } = hardened()
    const answers: boolean[] = []
    request?.({}, permission, (granted) => answers.push(granted))
    expect(answers).toEqual([true])
    expect(check?.({}, permission)).toBe(true)
    expect(check?.({}, 'clipboard-read')).toBe(false)
  })

  it('denies device access', () => {
    expect(hardened().device?.({ deviceType: 'usb' })).toBe(false)
  })

  it('puts the strict CSP on every response', () => {
    const { headers } = hardened()
    let answer: { responseHeaders?: Record<string, string[]> } | undefined
    headers?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (answer = r))
    expect(answer?.responseHeaders?.['Content-Security-Policy']).toEqual([contentSecurityPolicy(false)])
    expect(answer?.responseHeaders?.['Content-Type']).toEqual(['text/html'])
  })
})

describe('application menu', () => {
  const roles = (template: ReturnType<typeof appMenuTemplate>) =>
    template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu.map((s) => s.role) : []))

  it('offers Quit but neither Reload nor DevTools in the built app', () => {
    const built = roles(appMenuTemplate({ dev: false, isMac: false }))
    expect(built).toContain('quit')
    expect(built).not.toContain('reload')
    expect(built).not.toContain('toggleDevTools')
  })

  it('adds Reload and DevTools in dev', () => {
    expect(roles(appMenuTemplate({ dev: true, isMac: true }))).toEqual(expect.arrayContaining(['quit', 'reload', 'toggleDevTools']))
  })
})
