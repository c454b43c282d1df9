import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

// rendererProtocol.ts takes the CSP from window.ts, which imports Electron's window classes.
const electron = vi.hoisted(() => {
  const module = { BrowserWindow: class {}, Menu: {}, dialog: {}, shell: {} }
  return { module }
})
vi.mock('electron', () => ({ ...electron.module, default: electron.module }))

const { RENDERER_URL, installRendererProtocol, registerRendererScheme, resolveRendererFile, serveRendererFile } =
  await import('../../src/main/rendererProtocol')
const { contentSecurityPolicy } = await import('../../src/main/window')

const SECRET = 'outside-the-renderer-folder'
let base: string
let root: string

// <base>/renderer is what is served; <base>/outside holds what must never be.
beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'switchboard-app-protocol-')))
  root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  mkdirSync(join(base, 'outside'))
  mkdirSync(join(base, 'renderer-sibling'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Switchboard</title>')
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}')
  writeFileSync(join(root, 'assets', 'blob.bin'), 'x')
  writeFileSync(join(base, 'outside', 'secret.txt'), SECRET)
  writeFileSync(join(base, 'renderer-sibling', 'secret.txt'), SECRET)
  symlinkSync(join(base, 'outside', 'secret.txt'), join(root, 'file-link.txt'))
  symlinkSync(join(base, 'outside'), join(root, 'dir-link'))
  symlinkSync(join(root, 'assets', 'index-abc.js'), join(root, 'inner-link.js'))
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('app:// path resolution', () => {
  it('serves index.html at app://switchboard/index.html and at the root', async () => {
    expect(RENDERER_URL).toBe('app://switchboard/index.html')
    expect(await resolveRendererFile(root, RENDERER_URL)).toBe(join(root, 'index.html'))
    expect(await resolveRendererFile(root, 'app://switchboard/')).toBe(join(root, 'index.html'))
    expect(await resolveRendererFile(root, 'app://switchboard/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'))
  })

  it('follows a link that stays inside the folder', async () => {
    expect(await resolveRendererFile(root, 'app://switchboard/inner-link.js')).toBe(join(root, 'assets', 'index-abc.js'))
  })

  it.each([
    ['a plain ..', 'app://switchboard/../outside/secret.txt'],
    ['.. past the root', 'app://switchboard/../../../../etc/passwd'],
    ['an encoded ..', 'app://switchboard/%2e%2e/outside/secret.txt'],
    ['encoded separators', 'app://switchboard/..%2foutside%2fsecret.txt'],
    ['an encoded .. with encoded separators', 'app://switchboard/%2E%2E%2F%2E%2E%2Foutside%2Fsecret.txt'],
    ['double encoding', 'app://switchboard/%252e%252e%252foutside%252fsecret.txt'],
    ['backslashes', 'app://switchboard/..%5coutside%5csecret.txt'],
    ['a sibling folder sharing the prefix', 'app://switchboard/..%2frenderer-sibling%2fsecret.txt'],
    ['a NUL byte', 'app://switchboard/index.html%00.js'],
    ['malformed escapes', 'app://switchboard/%E0%A4%A'],
    ['a file link out of the folder', 'app://switchboard/file-link.txt'],
    ['a folder link out of the folder', 'app://switchboard/dir-link/secret.txt'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['a folder', 'app://switchboard/assets'],
    ['a file that does not exist', 'app://switchboard/missing.js'],
  ])('refuses %s', async (_what, url) => {
    expect(await resolveRendererFile(root, url)).toBeUndefined()
  })
})

describe('app:// responses', () => {
  const get = (url: string, method = 'GET') => serveRendererFile(root, new Request(url, { method }))

  it('answers a file with its content type, the strict CSP and nosniff', async () => {
    const response = await get(RENDERER_URL)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('<!doctype html><title>Switchboard</title>')
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy(false))
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self';")
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/blob.bin', 'application/octet-stream'],
  ])('serves %s as %s', async (path, type) => {
    const response = await get(`app://switchboard/${path}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('answers 404, with the same headers and none of the file, for a path out of the folder', async () => {
    for (const url of [
      'app://switchboard/%2e%2e/outside/secret.txt',
      'app://switchboard/file-link.txt',
      'app://switchboard/dir-link/secret.txt',
    ]) {
      const response = await get(url)
      expect(response.status, url).toBe(404)
      expect(await response.text()).not.toContain(SECRET)
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy(false))
    }
  })

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(RENDERER_URL, 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    const post = await get(RENDERER_URL, 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
  })
})

describe('app:// registration', () => {
  it('registers app as a standard, secure scheme with fetch, and nothing more', () => {
    const registered: unknown[] = []
    registerRendererScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) })
    expect(registered).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }])
  })

  it('hands the app scheme to the file handler for the given folder', async () => {
    const handlers = new Map<string, (request: Request) => Response | Promise<Response>>()
    installRendererProtocol({ handle: (scheme, handler) => void handlers.set(scheme, handler) }, root)
    const handler = handlers.get('app')
    expect(handler).toBeDefined()
    const response = await handler?.(new Request(RENDERER_URL))
    expect(response?.status).toBe(200)
    expect(await response?.text()).toContain('<title>Switchboard</title>')
  })
})
