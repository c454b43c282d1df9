import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SandboxContext } from './context'
import { sendGenesysError, sendGenesysStatus, sendS3Error } from './errors'
import type { FaultDecision } from './faults'
import { rateLimitHeaders } from './rateLimit'
import { pathOf, surfaceOf, type Surface } from './surface'
import { bearerToken } from './tokens'

/** Time for the client to take in the headers and the first half of the body before the reset. */
const RESET_DELAY_MS = 25

const decisions = new WeakMap<FastifyRequest, FaultDecision>()
/** Upload PUTs counted in `putsInProgress` and not yet settled. */
const openPuts = new WeakSet<FastifyRequest>()

/** The fault chosen for this request, for routes that act it out themselves (the upload PUT). */
export function faultFor(request: FastifyRequest): FaultDecision {
  return decisions.get(request) ?? { kind: 'none' }
}

/** The storage is done with this upload PUT (stored, refused or dropped); counts once per request. */
export function settlePut(request: FastifyRequest, ctx: SandboxContext): void {
  if (openPuts.delete(request)) ctx.stats.putSettled()
}

/**
 * What every request goes through before its route: stats, the correlation id, injected faults,
 * then for the API the bearer token and the per-token rate limit. On the way out: rate-limit headers,
 * status counts, and resets in the middle of a body.
 */
export function registerPipeline(app: FastifyInstance, ctx: SandboxContext): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request.url)
    const surface = surfaceOf(path)
    if (surface === 'control') return
    ctx.stats.countRequest(request.method, request.routeOptions.url)
    if (surface === 'upload' && request.method === 'PUT') {
      openPuts.add(request)
      ctx.stats.putStarted()
    }
    if (surface === 'api' || surface === 'login') reply.header('ININ-Correlation-Id', randomUUID())
    if (ctx.faults.appliesTo(path, request.method)) {
      await injectFault(request, reply, ctx, surface)
      if (reply.sent) {
        settlePut(request, ctx)
        return reply
      }
    }
    if (surface === 'api') return guardApi(request, reply, ctx)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const surface = surfaceOf(pathOf(request.url))
    if (surface === 'control') return payload
    // Answers that never reach the PUT route (unknown keys, errors) settle here; the route settles its own.
    if (surface === 'upload') settlePut(request, ctx)
    if (surface === 'api' && !reply.hasHeader('inin-ratelimit-count')) {
      reply.headers(rateLimitHeaders(ctx.rateLimiter.peek(bearerToken(request.headers.authorization))))
    }
    if (faultFor(request).kind === 'reset' && surface !== 'upload') {
      ctx.stats.countStatus('reset')
      return resetMidBody(reply, payload)
    }
    ctx.stats.countStatus(reply.statusCode)
    return payload
  })
}

async function injectFault(request: FastifyRequest, reply: FastifyReply, ctx: SandboxContext, surface: Surface): Promise<void> {
  const latency = ctx.faults.latencyMs()
  if (latency > 0) {
    ctx.stats.countFault('latency')
    await sleep(latency)
  }
  const decision = ctx.faults.decide(surface !== 'upload', surface === 'api')
  if (decision.kind === 'none') return
  decisions.set(request, decision)
  ctx.stats.countFault(decision.kind)
  if (decision.kind === 'hang') {
    ctx.stats.countStatus('hang')
    reply.hijack()
  } else if (decision.kind === 'burst429') {
    reply.header('Retry-After', String(decision.retryAfterSeconds))
    reply.headers(rateLimitHeaders(ctx.rateLimiter.peek(bearerToken(request.headers.authorization))))
    sendGenesysStatus(reply, 429, 'Rate limit exceeded the maximum. Retry the request later.')
  } else if (decision.kind === 'signInRefused') {
    reply.headers(rateLimitHeaders(ctx.rateLimiter.peek(undefined)))
    sendGenesysError(reply, 401, 'bad.credentials', 'Invalid login credentials.')
  } else if (decision.kind === 'error5xx') {
    if (decision.retryAfterSeconds !== undefined) reply.header('Retry-After', String(decision.retryAfterSeconds))
    if (surface === 'upload') {
      reply.header('Connection', 'close')
      if (decision.status === 503) sendS3Error(reply, 503, 'SlowDown', 'Please reduce your request rate.')
      else sendS3Error(reply, decision.status, 'InternalError', 'We encountered an internal error. Please try again.')
    } else {
      sendGenesysStatus(reply, decision.status)
    }
  }
}

function guardApi(request: FastifyRequest, reply: FastifyReply, ctx: SandboxContext): FastifyReply | undefined {
  const accessToken = bearerToken(request.headers.authorization)
  if (!accessToken || !ctx.tokens.find(accessToken)) {
    reply.headers(rateLimitHeaders(ctx.rateLimiter.peek(undefined)))
    return accessToken ? sendGenesysError(reply, 401, 'bad.credentials', 'Invalid login credentials.') : sendGenesysStatus(reply, 401)
  }
  const budget = ctx.rateLimiter.take(accessToken)
  reply.headers(rateLimitHeaders(budget))
  if (!budget.limited) return undefined
  ctx.stats.countRateLimited()
  reply.header('Retry-After', String(budget.resetSeconds))
  return sendGenesysError(
    reply,
    429,
    'too.many.requests',
    `Rate limit exceeded the maximum. [${budget.allowed}] requests for [60] seconds`,
    {
      limit: { key: 'token.rate.per.minute', namespace: 'platform.api', value: budget.allowed },
    },
  )
}

/**
 * Sends the headers (with the full Content-Length) and half the body, then resets the socket, so the
 * client sees ECONNRESET, "socket hang up" or an aborted body rather than a clean error.
 */
function resetMidBody(reply: FastifyReply, payload: unknown): Readable {
  const body = Buffer.isBuffer(payload) ? payload : typeof payload === 'string' ? Buffer.from(payload) : undefined
  if (body) reply.header('content-length', String(body.length))
  const part = body ? body.subarray(0, Math.floor(body.length / 2)) : Buffer.alloc(0)
  let started = false
  return new Readable({
    read() {
      if (started) return
      started = true
      if (part.length > 0) this.push(part)
      setTimeout(() => reply.raw.socket?.resetAndDestroy(), RESET_DELAY_MS)
    },
  })
}
