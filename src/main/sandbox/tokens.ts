import { randomBytes } from 'node:crypto'

export interface IssuedToken {
  accessToken: string
  clientId: string
  expiresAt: number
}

/** Opaque bearer tokens, held in memory like the platform's token store. */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>()
  /** Every access token ever issued, expired ones included, so tests can look for leaks. */
  private readonly everIssued: string[] = []

  constructor(private readonly now: () => number) {}

  issue(clientId: string, lifetimeSeconds: number): IssuedToken {
    this.dropExpired()
    const token: IssuedToken = {
      accessToken: randomBytes(48).toString('base64url'),
      clientId,
      expiresAt: this.now() + lifetimeSeconds * 1000,
    }
    this.tokens.set(token.accessToken, token)
    this.everIssued.push(token.accessToken)
    return token
  }

  /** The live token for a bearer value; undefined when unknown or expired. */
  find(accessToken: string): IssuedToken | undefined {
    const token = this.tokens.get(accessToken)
    if (!token) return undefined
    if (token.expiresAt <= this.now()) {
      this.tokens.delete(accessToken)
      return undefined
    }
    return token
  }

  allIssued(): string[] {
    return [...this.everIssued]
  }

  private dropExpired(): void {
    const now = this.now()
    for (const [key, token] of this.tokens) if (token.expiresAt <= now) this.tokens.delete(key)
  }
}

/** The token from an `Authorization: Bearer ...` header, if there is one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1]
}
