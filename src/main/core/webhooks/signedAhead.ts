import type { StoredDelivery } from './deliveryRecord'
import { envelopeOf } from './envelope'
import { signDelivery, type SignedRequest } from './signer'

/**
 * A signature made this long before its POST is as good as one made at it: webhook-timestamp counts whole
 * seconds and receivers allow minutes. One older than that (its queue was held up) is made anew.
 */
export const SIGNED_AHEAD_FOR_MS = 1_000
/** At most this many of a queue's next deliveries are signed at once. */
export const SIGN_AHEAD_AT_MOST = 32

interface Signed {
  keys: string[]
  signedAtMs: number
  request: SignedRequest
}

/**
 * A queue's next deliveries, signed together while it has a backlog. Signing one delivery between two
 * POSTs cost several times what it costs in a run of signatures (measured in the webhook-1000 burst:
 * 10–15 µs against 3), and a burst is CPU-bound. As many are signed as the endpoint takes in a second
 * at its last answer's pace, so a slow endpoint does not have its signatures made in vain.
 */
export class SignedAhead {
  private readonly signed = new Map<string, Signed>()

  /** The request signed for this delivery, when it was signed with these secrets less than a second ago. */
  take(deliveryId: string, keys: string[], nowMs: number): SignedRequest | undefined {
    const found = this.signed.get(deliveryId)
    if (!found) return undefined
    this.signed.delete(deliveryId)
    const age = nowMs - found.signedAtMs
    if (age < 0 || age >= SIGNED_AHEAD_FOR_MS) return undefined
    if (found.keys.length !== keys.length || found.keys.some((key, i) => key !== keys[i])) return undefined
    return found.request
  }

  /** Signs `next` (the queue's deliveries from the one about to go), replacing what was signed before. */
  fill(next: StoredDelivery[], keys: string[], at: Date, lastLatencyMs: number): void {
    this.signed.clear()
    const count = Math.min(SIGN_AHEAD_AT_MOST, Math.max(1, Math.floor(SIGNED_AHEAD_FOR_MS / (lastLatencyMs + 1))))
    for (const delivery of next.slice(0, count)) {
      const request = signDelivery(delivery.eventId, envelopeOf(delivery), keys, at)
      this.signed.set(delivery.id, { keys, signedAtMs: at.getTime(), request })
    }
  }
}
