/** When a media link stops working, read from the link itself where it says so. */

/** A real org's link lifetime is 2..60 minutes, 60 by default: assumed when the link does not say. */
export const ORG_LINK_LIFETIME_DEFAULT_SECONDS = 3600

export interface LinkExpiry {
  expiresAt: Date
  lifetimeSeconds: number
  source: 'url' | 'org-lifetime'
}

/**
 * S3 presigned links carry X-Amz-Date (when signed) and X-Amz-Expires (seconds); CloudFront-style ones
 * an `Expires` epoch in seconds. Anything else: the org's lifetime from now.
 */
export function linkExpiry(url: URL, now: Date, orgLifetimeSeconds = ORG_LINK_LIFETIME_DEFAULT_SECONDS): LinkExpiry {
  const param = (name: string) => {
    for (const [key, value] of url.searchParams) if (key.toLowerCase() === name.toLowerCase()) return value
    return undefined
  }
  const signedAt = parseAmzDate(param('X-Amz-Date'))
  const amzExpires = param('X-Amz-Expires')
  if (signedAt !== undefined && amzExpires !== undefined && /^\d+$/.test(amzExpires)) {
    const lifetimeSeconds = Number(amzExpires)
    return { expiresAt: new Date(signedAt + lifetimeSeconds * 1000), lifetimeSeconds, source: 'url' }
  }
  const epoch = param('Expires')
  if (epoch !== undefined && /^\d{9,11}$/.test(epoch)) {
    const expiresAt = new Date(Number(epoch) * 1000)
    return { expiresAt, lifetimeSeconds: Math.max(0, Math.round((expiresAt.getTime() - now.getTime()) / 1000)), source: 'url' }
  }
  return { expiresAt: new Date(now.getTime() + orgLifetimeSeconds * 1000), lifetimeSeconds: orgLifetimeSeconds, source: 'org-lifetime' }
}

function parseAmzDate(value: string | undefined): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '')
  if (!match) return undefined
  const [, y, mo, d, h, mi, s] = match
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
}
