import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Readable } from 'node:stream'
import fastifyStatic from '@fastify/static'
import fastifyWebsocket from '@fastify/websocket'
import Fastify, { type FastifyInstance } from 'fastify'
import { SIGNAL_NAMES } from '../../shared/api'
import { savedResultFiles } from '../../shared/savedResultFiles'
import type { Core } from '../core/types'
import { invokeMethod } from '../core/invoke'
import { answerUnreadableRequest, sendAppError, sendError, sendNotFound, sendRefusal } from './errorReplies'
import { createRequestGuard } from './requestGuard'
import { createRouteRecorder, markPublic, refusalFor, type RouteListing } from './routeAccess'
import { stagedFileName } from './stagedFileName'
import { stageUpload } from './stageUpload'

export interface WebShellOptions {
  core: Core
  rendererDir: string
  port?: number
  token?: string
  /** Largest file a browser may stage for the core (bytes). */
  maxStageBytes?: number
}

export interface WebShell {
  url: string
  /** The address to open: the token travels in the fragment, so it never reaches logs or Referer. */
  appUrl: string
  port: number
  token: string
  stageDir: string
  /** Every route served, with who may use it. */
  routes: RouteListing[]
  close(): Promise<void>
}

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/** A new access token: 32 random bytes, URL-safe. */
export function freshToken(): string {
  return randomBytes(32).toString('base64url')
}

/** The same core as the desktop app, over HTTP + WebSocket, for browsers on this machine only. */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = options.token ?? freshToken()
  const guard = createRequestGuard(token)
  // The core's staging folder (in the data folder): the uploads workflow deletes each copy once nothing
  // needs it, and a crash's leftovers at start.
  const stageDir = options.core.stagingDir
  await mkdir(stageDir, { recursive: true, mode: 0o700 })
  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: 1024 * 1024, clientErrorHandler: answerUnreadableRequest })

  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload))
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } })
  const routes = createRouteRecorder()
  app.addHook('onRoute', routes.record)

  // onRequest runs after routing: the decision is made on the route the router matched, not on the raw URL.
  app.addHook('onRequest', async (req, reply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v)
    if (!guard.hostAllowed(req.headers.host))
      return sendRefusal(reply, 421, 'Wrong Host header: the web shell answers only to 127.0.0.1 and localhost.')
    // Browsers send Origin on every POST and socket; when present it must be ours. Non-browser clients
    // (curl, tests) send none and are held to the token like everyone else.
    if (!guard.originAllowed(req.headers.origin, false)) return sendRefusal(reply, 403, 'Cross-origin request refused.')
    const refusal = refusalFor(req, guard)
    if (refusal) return sendRefusal(reply, refusal.status, refusal.message)
  })
  app.setErrorHandler((error, _req, reply) => sendError(reply, error))
  app.setNotFoundHandler((_req, reply) => sendNotFound(reply))

  app.post<{ Params: { method: string } }>('/api/invoke/:method', { config: { access: 'token' } }, async (req) => {
    return invokeMethod(options.core.handlers, req.params.method, req.body)
  })

  app.post('/api/stage', { bodyLimit: options.maxStageBytes ?? 4 * 1024 ** 3, config: { access: 'token' } }, async (req) => {
    const slot = req.headers['x-stage-slot']
    const name = stagedFileName(req.headers['x-file-name'])
    return { path: await stageUpload(stageDir, name, req.body as Readable, typeof slot === 'string' ? slot : undefined) }
  })

  // A finished audit export, as a browser download (the web shell has no "Show in folder").
  // The file is found by job id, never by a path.
  app.get<{ Params: { id: string } }>('/api/audit-exports/:id/file', { config: { access: 'token' } }, async (req, reply) => {
    const exports = await options.core.handlers['audit.exports']({})
    const found = exports.find((e) => e.job.id === req.params.id)
    if (!found?.result || !(await isFile(found.result.path))) {
      return sendAppError(reply, 404, {
        code: 'not_found',
        message: 'No finished audit export with that id.',
        hint: 'Export again, then download it once it is done.',
      })
    }
    const name = basename(found.result.path).replace(/[^\w.-]+/g, '_')
    const type = found.format === 'csv' ? 'text/csv; charset=utf-8' : found.format === 'bundle' ? 'application/zip' : 'application/x-ndjson'
    reply.header('Content-Disposition', `attachment; filename="${name}"`).header('Cache-Control', 'no-store').type(type)
    return reply.send(createReadStream(found.result.path))
  })

  // Saved privacy results, as browser downloads (the saved folder is on the server's disk). Found by
  // request id and positions in the saved list, never by a path.
  app.get<{ Params: { id: string; save: string; item: string } }>(
    '/api/privacy-results/:id/:save/:item',
    { config: { access: 'token' } },
    async (req, reply) => {
      const { requests } = await options.core.handlers['privacy.list']({})
      const save = requests.find((r) => r.id === req.params.id)?.saved[Number(req.params.save)]
      const file = save && /^\d+$/.test(req.params.item) ? savedResultFiles(save)[Number(req.params.item)] : undefined
      if (!file || !(await isFile(file.path))) {
        return sendAppError(reply, 404, {
          code: 'not_found',
          message: 'No saved result file there: it was removed, moved, or the request left the list.',
          hint: 'Save the results again, then download them.',
        })
      }
      const name = basename(file.path).replace(/[^\w.-]+/g, '_')
      const type = file.kind === 'csv' ? 'text/csv; charset=utf-8' : 'application/json'
      reply.header('Content-Disposition', `attachment; filename="${name}"`).header('Cache-Control', 'no-store').type(type)
      return reply.send(createReadStream(file.path))
    },
  )

  app.get('/api/events', { websocket: true, config: { access: 'eventSocket' } }, (socket) => {
    const unsubscribers = SIGNAL_NAMES.map((event) =>
      options.core.on(event, (payload) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ event, payload }))
      }),
    )
    socket.on('close', () => unsubscribers.forEach((off) => off()))
    socket.on('message', () => socket.close(1008, 'This socket only sends events.'))
  })

  // The app's files are the only public routes: one route per file found at start (no wildcard), so any
  // other path falls to the not-found handler, which is held to the token like every non-public route.
  await app.register(async (publicScope) => {
    publicScope.addHook('onRoute', markPublic)
    await publicScope.register(fastifyStatic, {
      root: options.rendererDir,
      index: ['index.html'],
      wildcard: false,
      dotfiles: 'ignore',
      redirect: false,
    })
  })

  let address: string
  try {
    address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 })
  } catch (error) {
    // A taken port must not leave a half-started server behind.
    await app.close()
    throw error
  }
  const port = Number(new URL(address).port)
  guard.setPort(port)
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    appUrl: `${url}/#token=${token}`,
    port,
    token,
    stageDir,
    routes: routes.list(),
    close: async () => {
      await app.close()
    },
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  )
}
