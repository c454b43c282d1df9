import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../context'

/** Who am I: the org the token belongs to. */
export function organizationRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/api/v2/organizations/me', async () => ctx.org)
}
