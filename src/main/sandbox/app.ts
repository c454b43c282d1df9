import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import type { SandboxContext } from './context'
import { sendGenesysStatus, sendOAuthError, sendS3Error } from './errors'
import { registerPipeline } from './pipeline'
import { routeModules } from './routes'
import { pathOf, surfaceOf } from './surface'

/** The fastify instance of one sandbox: pipeline hooks, every route module, and errors in each host's dialect. */
export async function buildSandboxApp(ctx: SandboxContext): Promise<FastifyInstance> {
  // forceCloseConnections: close() must also end hung requests and idle keep-alive sockets.
  const app = Fastify({ logger: false, forceCloseConnections: true })
  registerPipeline(app, ctx)
  app.setNotFoundHandler((request, reply) => {
    const surface = surfaceOf(pathOf(request.url))
    if (surface === 'upload' || surface === 'report' || surface === 'media')
      return sendS3Error(reply, 404, 'NoSuchKey', 'The specified key does not exist.')
    if (surface === 'login')
      return sendOAuthError(reply, 404, 'invalid_request', `${request.method} is not supported on ${pathOf(request.url)}`)
    return sendGenesysStatus(reply, 404, `No resource matches ${request.method} ${pathOf(request.url)}.`)
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500
    const message = status < 500 ? error.message : undefined
    switch (surfaceOf(pathOf(request.url))) {
      case 'login':
        return sendOAuthError(reply, status, status < 500 ? 'invalid_request' : 'server_error', message ?? 'The login service failed.')
      case 'upload':
      case 'report':
      case 'media':
        return sendS3Error(
          reply,
          status,
          status < 500 ? 'InvalidRequest' : 'InternalError',
          message ?? 'We encountered an internal error. Please try again.',
        )
      default:
        return sendGenesysStatus(reply, status, message)
    }
  })

  // After the handlers: routes take the error handler in force when they are declared.
  for (const register of routeModules) await register(app, ctx)
  return app
}
