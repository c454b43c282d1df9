import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../context'
import { sendGenesysError } from '../errors'
import { userDirectory } from '../users'

/** GET /api/v2/users/{userId}: the names the version histories show instead of ids. */
export function userRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const lookup = userDirectory(ctx.config.clientId)
  app.get('/api/v2/users/:userId', async (request, reply) => {
    const { userId } = request.params as { userId: string }
    const result = lookup(userId)
    if ('found' in result) return result.found
    if (result.status === 403) {
      return sendGenesysError(
        reply,
        403,
        'missing.division.permission',
        "You are missing the following permission 'directory:user:view' in the provided division(s).",
        { details: [{ errorCode: 'missing.division.permission', entityId: userId }] },
      )
    }
    return sendGenesysError(reply, 404, 'not.found', `Unable to find a user with id ${userId}`, {
      details: [{ errorCode: 'not.found', entityId: userId, entityName: 'user' }],
    })
  })
}
