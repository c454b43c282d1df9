/**
 * The built renderer is served from app://switchboard/ rather than file://, so that it is an origin of
 * its own with real response headers: the strict CSP, nosniff and the rest arrive as headers (a file://
 * page only ever had its meta tag), and 'self' means our folder, not the whole disk.
 *
 * Only files under out/renderer are answered, by their real path: `..`, encoded separators and symlinks
 * that lead out of the folder get 404, like files that do not exist.
 */
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import type { Protocol } from 'electron'
import { contentSecurityPolicy } from './window'

export const RENDERER_SCHEME = 'app'
export const RENDERER_HOST = 'switchboard'
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`
/** What the window loads in the built app. */
export const RENDERER_URL = `${RENDERER_ORIGIN}/index.html`

/** Must run before the app is ready: a standard, secure scheme gets an origin, storage and fetch. */
export function registerRendererScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

/** After ready: answer app://switchboard/... from rendererDir. */
export function installRendererProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(RENDERER_SCHEME, (request) => serveRendererFile(rendererDir, request))
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
}

/** Headers on every answer; the CSP is the built app's (dev uses the http dev server instead). */
export function rendererResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy(false),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  }
}

/**
 * The real path of the file an app:// URL names, or undefined when it names nothing we serve: another
 * host, a path that leaves rendererDir before or after following links, or something that is not a file.
 */
export async function resolveRendererFile(rendererDir: string, url: string): Promise<string | undefined> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== `${RENDERER_SCHEME}:` || parsed.host !== RENDERER_HOST) return undefined
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return undefined
  }
  // A NUL or a backslash has no business in a file name of ours (and \ is a separator on Windows).
  if (path.includes('\0') || path.includes('\\')) return undefined
  if (path === '/') path = '/index.html'
  let root: string
  try {
    root = await realpath(rendererDir)
  } catch {
    return undefined
  }
  const candidate = resolve(root, `.${path}`)
  if (!isInside(root, candidate)) return undefined
  try {
    const real = await realpath(candidate)
    if (!isInside(root, real)) return undefined
    return (await stat(real)).isFile() ? real : undefined
  } catch {
    return undefined
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
}

/** The protocol handler: GET and HEAD of files under rendererDir, with the security headers. */
export async function serveRendererFile(rendererDir: string, request: Pick<Request, 'url' | 'method'>): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', {
      status: 405,
      headers: { ...rendererResponseHeaders('text/plain; charset=utf-8'), Allow: 'GET, HEAD' },
    })
  }
  const file = await resolveRendererFile(rendererDir, request.url)
  const body = file ? await readFile(file).catch(() => undefined) : undefined
  if (!file || !body) return new Response('Not found', { status: 404, headers: rendererResponseHeaders('text/plain; charset=utf-8') })
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: rendererResponseHeaders(type) })
}
