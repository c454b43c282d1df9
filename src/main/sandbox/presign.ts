import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** The query of an S3-style presigned URL (AWS SigV4 query names; the signing itself is the sandbox's own). */
export interface PresignQuery {
  'X-Amz-Algorithm': string
  'X-Amz-Credential': string
  'X-Amz-Date': string
  'X-Amz-Expires': string
  'X-Amz-SignedHeaders': string
  'X-Amz-Signature': string
}

export type PresignCheck =
  { ok: true } | { ok: false; reason: 'malformed' | 'signature' } | { ok: false; reason: 'expired'; expiredAt: Date }

const ALGORITHM = 'AWS4-HMAC-SHA256'

/**
 * Signs and checks presigned URLs the way S3 does: the signature covers method, path, date, lifetime
 * and the values of the signed headers, so a changed or missing header, or an edited expiry, fails.
 */
export class UrlSigner {
  private readonly secret = randomBytes(32)

  constructor(private readonly now: () => number) {}

  /** The query string for `method path`, valid `expiresSeconds`, binding `headers` (names lower-case). */
  sign(method: string, path: string, expiresSeconds: number, headers: Record<string, string>): string {
    const date = amzDate(new Date(this.now()))
    const names = Object.keys(headers)
      .map((name) => name.toLowerCase())
      .sort()
    const lowered = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
    const query: PresignQuery = {
      'X-Amz-Algorithm': ALGORITHM,
      'X-Amz-Credential': `SANDBOX/${date.slice(0, 8)}/us-east-1/s3/aws4_request`,
      'X-Amz-Date': date,
      'X-Amz-Expires': String(expiresSeconds),
      'X-Amz-SignedHeaders': names.join(';'),
      'X-Amz-Signature': this.signature(method, path, date, String(expiresSeconds), names, lowered),
    }
    return new URLSearchParams({ ...query }).toString()
  }

  /** Check a request against its presigned query, with the headers it actually carries. */
  check(
    method: string,
    path: string,
    query: Record<string, unknown>,
    requestHeaders: Record<string, string | string[] | undefined>,
  ): PresignCheck {
    const date = text(query['X-Amz-Date'])
    const expires = text(query['X-Amz-Expires'])
    const signedHeaders = text(query['X-Amz-SignedHeaders'])
    const given = text(query['X-Amz-Signature'])
    const dateMs = parseAmzDate(date)
    if (!given || !expires || !/^\d+$/.test(expires) || signedHeaders === undefined || dateMs === undefined)
      return { ok: false, reason: 'malformed' }
    const names = signedHeaders === '' ? [] : signedHeaders.split(';')
    const values = Object.fromEntries(names.map((name) => [name, headerText(requestHeaders[name])]))
    const expected = this.signature(method, path, date!, expires, names, values)
    if (!sameText(given, expected)) return { ok: false, reason: 'signature' }
    const expiresAt = dateMs + Number(expires) * 1000
    if (this.now() > expiresAt) return { ok: false, reason: 'expired', expiredAt: new Date(expiresAt) }
    return { ok: true }
  }

  private signature(
    method: string,
    path: string,
    date: string,
    expires: string,
    names: string[],
    values: Record<string, string | undefined>,
  ): string {
    const canonical = [
      method.toUpperCase(),
      path,
      date,
      expires,
      names.join(';'),
      ...names.map((name) => `${name}:${(values[name] ?? '\u0000missing').trim()}`),
    ].join('\n')
    return createHmac('sha256', this.secret).update(canonical).digest('hex')
  }
}

function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

function parseAmzDate(value: string | undefined): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '')
  if (!match) return undefined
  const [, y, mo, d, h, mi, s] = match
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
