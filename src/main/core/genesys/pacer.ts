/**
 * Paces API requests under the org's rate limit instead of running into 429s: a token bucket refilled
 * at a share of the per-minute limit (inin-ratelimit-allowed once seen, else the documented 300).
 * The bucket holds the rest of the minute's budget, so that in any 60-second window at most the limit
 * is sent. When the headers say the budget is spent (count >= allowed), or a 429 comes without them,
 * every request waits for the reset; a 429 while budget remains (a transient refusal) only delays the
 * request that got it, which the retry loop already does.
 *
 * A request that will wait a second or more for its turn is told until when (an estimate), so that the
 * screen waiting on it can say so rather than sit silently.
 */
import { cancelledError } from './errors'
import { rateLimitFromHeaders, retryAfterSecondsFrom } from './rateLimit'

export const DEFAULT_REQUESTS_PER_MINUTE = 300
export const DEFAULT_MAX_HOLD_SECONDS = 120
/** Shorter waits are the normal pace between requests: not worth telling. */
const TOLD_FROM_MS = 1_000

/** When a request may go (epoch ms, an estimate): after a hold, or after the requests queued ahead of it. */
export type PaceWaitListener = (untilMs: number) => void

export interface RequestPacerOptions {
  /** Until a response says otherwise; default 300. */
  perMinute?: number
  /** Share of the limit sent at a steady pace; the rest is the initial burst. Default 0.95. */
  steadyShare?: number
  /** No hold after a spent budget or a 429 lasts longer than this, whatever the server says; default 120. */
  maxHoldSeconds?: number
  now?: () => number
}

interface Waiter {
  resolve: () => void
  reject: (error: unknown) => void
  signal?: AbortSignal
  onAbort?: () => void
  onWait?: PaceWaitListener
}

export class RequestPacer {
  private perMinute: number
  private readonly steadyShare: number
  private readonly now: () => number
  private readonly maxHoldSeconds: number
  private tokens: number
  private lastRefill: number
  private blockedUntil = 0
  private readonly waiters: Waiter[] = []
  private timer: NodeJS.Timeout | undefined

  constructor(options: RequestPacerOptions = {}) {
    this.perMinute = options.perMinute ?? DEFAULT_REQUESTS_PER_MINUTE
    this.steadyShare = options.steadyShare ?? 0.95
    this.now = options.now ?? Date.now
    this.maxHoldSeconds = options.maxHoldSeconds ?? DEFAULT_MAX_HOLD_SECONDS
    this.tokens = this.capacity()
    this.lastRefill = this.now()
  }

  /**
   * Resolves when one request may be sent; rejects with a cancelled AppError when the signal aborts.
   * `onWait` hears when it will wait a second or more, and again whenever a hold moves that time.
   */
  take(signal?: AbortSignal, onWait?: PaceWaitListener): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelledError())
    if (this.waiters.length === 0 && this.tryTake()) return Promise.resolve()
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onWait }
      if (signal) {
        waiter.onAbort = () => {
          const index = this.waiters.indexOf(waiter)
          if (index >= 0) this.waiters.splice(index, 1)
          reject(cancelledError())
          this.schedule()
        }
        signal.addEventListener('abort', waiter.onAbort, { once: true })
      }
      this.waiters.push(waiter)
      this.schedule()
      this.tell(waiter)
    })
  }

  /** Learns the limit and the state of the window from each API response. */
  observe(status: number, headers: unknown): void {
    const seen = rateLimitFromHeaders(headers)
    if (seen?.allowed && seen.allowed > 0 && seen.allowed !== this.perMinute) {
      this.refill()
      const before = this.capacity()
      this.perMinute = seen.allowed
      this.tokens = Math.max(0, Math.min(this.capacity(), this.tokens + this.capacity() - before))
    }
    const spent = seen?.count !== undefined && seen.allowed !== undefined && seen.count >= seen.allowed
    if (spent || (status === 429 && seen?.count === undefined)) {
      // One answer with Retry-After: 999999 must not hold every later call of the profile for days.
      const waitSeconds = Math.min(retryAfterSecondsFrom(headers) ?? seen?.reset ?? 60, this.maxHoldSeconds)
      const until = this.now() + waitSeconds * 1000
      this.blockedUntil = Math.min(Math.max(this.blockedUntil, until), this.now() + this.maxHoldSeconds * 1000)
      this.tokens = 0
      for (const waiter of this.waiters) this.tell(waiter)
    }
  }

  /** Epoch ms until which every request waits (0 when none is held), for the status bar and tests. */
  heldUntil(): number {
    return this.blockedUntil
  }

  /** Requests a minute the pacer is working to (for the status bar and tests). */
  limit(): number {
    return this.perMinute
  }

  private capacity(): number {
    return Math.max(1, Math.floor(this.perMinute * (1 - this.steadyShare)))
  }

  private ratePerMs(): number {
    return (this.perMinute * this.steadyShare) / 60_000
  }

  private refill(): void {
    const t = this.now()
    if (t < this.blockedUntil) {
      this.lastRefill = t
      return
    }
    // The first look after a hold: the window has started over, so one request may go at once.
    if (this.lastRefill < this.blockedUntil) this.tokens = Math.max(this.tokens, 1)
    const from = Math.max(this.lastRefill, this.blockedUntil)
    if (t > from) this.tokens = Math.min(this.capacity(), this.tokens + (t - from) * this.ratePerMs())
    this.lastRefill = Math.max(this.lastRefill, t)
  }

  private tryTake(): boolean {
    if (this.now() < this.blockedUntil) return false
    this.refill()
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  /** Tells a waiting request when its turn should come, if that is a second or more away. */
  private tell(waiter: Waiter): void {
    const position = this.waiters.indexOf(waiter)
    if (!waiter.onWait || position < 0) return
    this.refill()
    const t = this.now()
    const held = t < this.blockedUntil
    // After a hold one request may go at once (see refill); else the tokens in hand go first.
    const inHand = held ? 1 : this.tokens
    const until = Math.max(t, this.blockedUntil) + Math.ceil(Math.max(0, position + 1 - inHand) / this.ratePerMs())
    if (until - t < TOLD_FROM_MS) return
    try {
      waiter.onWait(until)
    } catch {
      // A listener's bug cannot stop the pacer.
    }
  }

  private schedule(): void {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = undefined
    }
    while (this.waiters.length > 0 && this.tryTake()) {
      const waiter = this.waiters.shift()!
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort)
      waiter.resolve()
    }
    if (this.waiters.length === 0) return
    const t = this.now()
    const wait = t < this.blockedUntil ? this.blockedUntil - t : Math.ceil((1 - this.tokens) / this.ratePerMs())
    this.timer = setTimeout(
      () => {
        this.timer = undefined
        this.schedule()
      },
      Math.max(1, wait),
    )
  }
}
