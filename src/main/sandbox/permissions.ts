import type { FastifyReply } from 'fastify'
import type { SandboxContext } from './context'
import { sendGenesysError } from './errors'

/**
 * Refuses a request whose client lacks every one of `anyOf` (the sandbox's `deniedPermissions`), with
 * the platform's 403 body. Returns true when the request may go on.
 */
export function requirePermission(ctx: SandboxContext, reply: FastifyReply, ...anyOf: string[]): boolean {
  const denied = new Set(ctx.config.deniedPermissions)
  if (anyOf.some((permission) => !denied.has(permission))) return true
  const list = anyOf.join(', ')
  sendGenesysError(
    reply,
    403,
    anyOf.length > 1 ? 'missing.any.permissions' : 'missing.permissions',
    anyOf.length > 1 ? `You need any of the following permissions: [${list}]` : `You are missing the following permission(s): [${list}]`,
  )
  return false
}
