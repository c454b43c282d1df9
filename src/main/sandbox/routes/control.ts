import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SandboxContext } from '../context'
import { sandboxFaultsSchema, type SandboxFaults } from '../faults'
import { applyRuntimeOptions, runtimeOptionsSchema } from '../runtimeOptions'

const LOOPBACK = new Set(['127.0.0.1', '::ffff:127.0.0.1', '::1'])

/** Out-of-process tests steer the sandbox here: faults, options, stats, stored uploads. Loopback only. */
export function controlRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.register(async (control) => {
    control.addHook('onRequest', async (request, reply) => {
      if (!LOOPBACK.has(request.socket.remoteAddress ?? ''))
        return reply.code(403).send({ error: 'The control routes answer 127.0.0.1 only.' })
    })

    control.get('/__sandbox/faults', async () => ctx.faults.get())
    control.put('/__sandbox/faults', async (request, reply) => {
      const parsed = sandboxFaultsSchema.safeParse(request.body ?? {})
      if (!parsed.success) return invalid(reply, parsed.error.issues)
      ctx.faults.set(parsed.data as SandboxFaults)
      return ctx.faults.get()
    })

    control.put('/__sandbox/options', async (request, reply) => {
      const parsed = runtimeOptionsSchema.safeParse(request.body ?? {})
      if (!parsed.success) return invalid(reply, parsed.error.issues)
      applyRuntimeOptions(ctx, parsed.data)
      return {
        tokenLifetimeSeconds: ctx.config.tokenLifetimeSeconds,
        rateLimitPerMinute: ctx.config.rateLimitPerMinute,
        gdprStepMs: ctx.config.gdprStepMs,
        uplinkBytesPerSecond: ctx.config.uplinkBytesPerSecond,
        mediaUrlLifetimeSeconds: ctx.config.mediaUrlLifetimeSeconds,
        batchResultPace: ctx.config.batchResultPace,
        flowExportStepMs: ctx.config.flowExportStepMs,
        promptTranscodeMs: ctx.config.promptTranscodeMs,
        promptUploadMaxBytes: ctx.config.promptUploadMaxBytes,
      }
    })

    control.get('/__sandbox/stats', async () => ctx.stats.snapshot())
    control.get('/__sandbox/uplink', async () => ctx.uplink.stats())
    control.delete('/__sandbox/stats', async (_request: FastifyRequest, reply: FastifyReply) => {
      ctx.stats.reset()
      ctx.uplink.resetStats()
      return reply.code(204).send()
    })

    control.get('/__sandbox/uploads', async () => ({ uploads: ctx.uploads.uploads(), countBySha256: ctx.uploads.countBySha256() }))
  })
}

function invalid(reply: FastifyReply, issues: { path: PropertyKey[]; message: string }[]): FastifyReply {
  const message = issues.map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`).join('; ')
  return reply.code(400).send({ error: message })
}
