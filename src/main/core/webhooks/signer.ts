import { createHmac, createSecretKey, type KeyObject } from 'node:crypto'
import { Webhook } from 'standardwebhooks'

/** The body and headers of one delivery attempt, signed the Standard Webhooks way. */
export interface SignedRequest {
  body: Buffer
  headers: Record<string, string>
}

export interface Envelope {
  /** The event type (switchboard.test for a test event). */
  type: string
  /** When the event happened (ISO). */
  timestamp: string
  data: Record<string, unknown>
}

const keys = new Map<string, KeyObject>()

/**
 * The decoded HMAC key of a secret, cached as a KeyObject (a Buffer key is imported again on every
 * createHmac). The library still checks the secret (it throws on a bad one),
 * but signing uses node:crypto: the library's pure-JS SHA-256 was a visible share of the per-event cost.
 */
function keyFor(secret: string): KeyObject {
  let key = keys.get(secret)
  if (!key) {
    new Webhook(secret)
    if (keys.size > 1000) keys.clear()
    key = createSecretKey(Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64'))
    keys.set(secret, key)
  }
  return key
}

/** The same "v1,<base64>" as standardwebhooks' Webhook.sign, over "id.seconds.body". */
function sign(secret: string, eventId: string, seconds: number, body: Buffer): string {
  const hmac = createHmac('sha256', keyFor(secret))
  hmac.update(`${eventId}.${seconds}.`)
  hmac.update(body)
  return `v1,${hmac.digest('base64')}`
}

/**
 * webhook-id (the event id: the same on every retry and redelivery, so a receiver can drop duplicates),
 * webhook-timestamp (this attempt, in seconds), webhook-signature: one "v1,<base64>" per secret,
 * space-separated (two during a rotation's grace period), each an HMAC-SHA256 over "id.timestamp.body".
 */
export function signDelivery(eventId: string, envelope: Envelope, secrets: string[], at: Date): SignedRequest {
  const body = Buffer.from(JSON.stringify(envelope), 'utf8')
  const seconds = Math.floor(at.getTime() / 1000)
  const signatures = secrets.map((secret) => sign(secret, eventId, seconds, body))
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Switchboard-Webhooks/1',
      'webhook-id': eventId,
      'webhook-timestamp': String(seconds),
      'webhook-signature': signatures.join(' '),
    },
  }
}
