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

const signers = new Map<string, Webhook>()

function signerFor(secret: string): Webhook {
  let signer = signers.get(secret)
  if (!signer) {
    if (signers.size > 1000) signers.clear()
    signer = new Webhook(secret)
    signers.set(secret, signer)
  }
  return signer
}

/**
 * webhook-id (the event id: the same on every retry and redelivery, so a receiver can drop duplicates),
 * webhook-timestamp (this attempt, in seconds), webhook-signature: one "v1,<base64>" per secret,
 * space-separated (two during a rotation's grace period), each an HMAC-SHA256 over "id.timestamp.body".
 */
export function signDelivery(eventId: string, envelope: Envelope, secrets: string[], at: Date): SignedRequest {
  const body = Buffer.from(JSON.stringify(envelope), 'utf8')
  const seconds = Math.floor(at.getTime() / 1000)
  const signedAt = new Date(seconds * 1000)
  const signatures = secrets.map((secret) => signerFor(secret).sign(eventId, signedAt, body))
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
