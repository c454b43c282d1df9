import type { FastifyRequest, RouteOptions } from 'fastify'
import { bearerToken, type RequestGuard } from './requestGuard'

/**
 * Who may use a route. Declared on the route (`config.access`) and read after routing, so the decision is
 * made on the route the router matched, however the path was spelled. A route that declares nothing, and
 * the not-found handler, need the bearer token: deny by default.
 */
export type RouteAccess = 'public' | 'token' | 'eventSocket'

export interface RouteListing {
  method: string
  url: string
  access: RouteAccess
}

export interface Refusal {
  status: 400 | 401 | 403
  message: string
}

const TOKEN_REFUSED: Refusal = {
  status: 401,
  message: 'Missing or wrong token: open the address printed by npm run web, including #token=…',
}

export function accessOf(config: unknown): RouteAccess {
  const access = (config as { access?: unknown } | undefined)?.access
  return access === 'public' || access === 'eventSocket' ? access : 'token'
}

/** Why this request may not reach its matched route, or null when it may. */
export function refusalFor(req: FastifyRequest, guard: RequestGuard): Refusal | null {
  // Absolute-form (`POST http://host/api/...`) is for proxies; the router would strip the authority
  // the Host check never saw. A browser talking to us directly never sends it.
  if (!req.url.startsWith('/')) return { status: 400, message: 'The request line must name a path, not a full address.' }
  switch (accessOf(req.routeOptions.config)) {
    case 'public':
      return null
    case 'eventSocket':
      return eventSocketRefusal(req, guard)
    default:
      return guard.tokenValid(bearerToken(req.headers.authorization)) ? null : TOKEN_REFUSED
  }
}

/**
 * Browsers cannot set headers on a WebSocket, so the event socket alone takes its token from the query
 * string, and only on a real GET upgrade (one Node handed over as an upgrade, not a header lookalike).
 * Browsers always send Origin on a socket: it is required and must be ours.
 */
function eventSocketRefusal(req: FastifyRequest, guard: RequestGuard): Refusal | null {
  const realUpgrade = req.ws === true && req.method === 'GET'
  const query = req.query as Record<string, unknown> | undefined
  const token = realUpgrade && typeof query?.token === 'string' ? query.token : undefined
  if (!guard.tokenValid(token)) return TOKEN_REFUSED
  if (!guard.originAllowed(req.headers.origin, true)) return { status: 403, message: 'WebSocket from another origin refused.' }
  return null
}

/** onRoute hook: marks every route registered in its scope (the app's static files) as public. */
export function markPublic(route: RouteOptions): void {
  route.config = Object.assign(route.config ?? {}, { access: 'public' })
}

/** onRoute hook factory: remembers each route so the shell can list them (the tests hold each one to a rule). */
export function createRouteRecorder(): { record: (route: RouteOptions) => void; list: () => RouteListing[] } {
  // Hooks of a child scope (markPublic) run after this one on the same object: read access when listing.
  const seen: RouteOptions[] = []
  return {
    record: (route) => void seen.push(route),
    list: () =>
      seen.flatMap((route) =>
        [route.method].flat().map((method) => ({ method: String(method), url: route.url, access: accessOf(route.config) })),
      ),
  }
}
