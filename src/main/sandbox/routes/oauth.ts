import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../context'
import { sendOAuthError } from '../errors'

const FORM_LIMIT_BYTES = 64 * 1024

/** The login host: POST /oauth/token with the client credentials grant (Basic auth, form body). */
export async function oauthRoutes(app: FastifyInstance, ctx: SandboxContext): Promise<void> {
  await app.register(async (login) => {
    login.removeAllContentTypeParsers()
    login.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))))
      },
    )
    // Any other body carries no form fields: the grant check below refuses it in OAuth terms.
    login.addContentTypeParser('*', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES }, (_request, _body, done) => done(null, {}))

    login.post('/oauth/token', async (request, reply) => {
      reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache')
      const credentials = basicCredentials(request.headers.authorization)
      if (!credentials || credentials.id !== ctx.config.clientId || !sameText(credentials.secret, ctx.config.clientSecret)) {
        return sendOAuthError(reply, 401, 'invalid_client', 'client not found')
      }
      const grantType = (request.body as Record<string, string> | undefined)?.grant_type
      if (!grantType) return sendOAuthError(reply, 400, 'invalid_request', 'grant_type is required')
      if (grantType !== 'client_credentials')
        return sendOAuthError(reply, 400, 'unsupported_grant_type', `grant type ${grantType} is not supported for this client`)
      const lifetime = ctx.config.tokenLifetimeSeconds
      const token = ctx.tokens.issue(credentials.id, lifetime)
      ctx.stats.countTokenIssued()
      return { access_token: token.accessToken, token_type: 'bearer', expires_in: Math.ceil(lifetime) }
    })
  })
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')
  if (!match) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
