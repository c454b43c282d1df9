import { timingSafeEqual } from 'node:crypto'

/** Checks that a request is for us (Host, against DNS rebinding), from us (Origin) and authorised (token). */
export function createRequestGuard(token: string) {
  const expected = Buffer.from(token)
  let allowedHosts: Set<string> = new Set()

  return {
    setPort(port: number) {
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
    },
    hostAllowed(host: string | undefined): boolean {
      return host !== undefined && allowedHosts.has(host.toLowerCase())
    },
    /** Browsers send Origin on cross-origin and on all WebSocket requests; when present it must be ours. */
    originAllowed(origin: string | undefined, required: boolean): boolean {
      if (origin === undefined) return !required
      try {
        const url = new URL(origin)
        return url.protocol === 'http:' && allowedHosts.has(url.host)
      } catch {
        return false
      }
    },
    tokenValid(candidate: string | undefined): boolean {
      if (!candidate) return false
      const given = Buffer.from(candidate)
      return given.length === expected.length && timingSafeEqual(given, expected)
    },
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '')
  return match?.[1]
}

export type RequestGuard = ReturnType<typeof createRequestGuard>
