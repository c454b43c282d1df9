import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Where the uplink reads the time and waits. Real timers by default: the cap stands for the network,
 * like injected latency, so it never follows the sandbox's (possibly manual) clock.
 */
export interface UplinkTimer {
  /** Milliseconds, monotonic. */
  now(): number
  sleep(ms: number): Promise<void>
}

export const realUplinkTimer: UplinkTimer = { now: () => performance.now(), sleep: (ms) => sleep(ms) }

/** Length of the windows the uplink counts admitted bytes in. */
export const UPLINK_WINDOW_MS = 100

export interface UplinkStats {
  /** The cap in bytes a second; null when the uplink is not capped. */
  bytesPerSecond: number | null
  /** What may pass at once after the link has been idle: a tenth of a second's worth. */
  burstBytes: number
  /** Body bytes granted so far, across all PUTs (each is read on at or after the time it was granted). */
  admittedBytes: number
  /** How many times a body had to wait for the link. */
  waits: number
  /** The most bytes granted for any one UPLINK_WINDOW_MS window since the last reset (at most burst + a window's worth + a chunk). */
  busiestWindowBytes: number
}

/**
 * An office uplink shared by every upload body the sandbox receives: one token bucket, refilled at
 * `bytesPerSecond`, that each chunk of each concurrent PUT draws from before it is read on. A chunk
 * larger than what is left runs the bucket into debt and waits it off, so bodies are served in the
 * order their chunks arrived and the total never exceeds the cap (plus one burst).
 */
export class Uplink {
  private rate: number | null = null
  private tokens = 0
  private refilledAt: number
  private admitted = 0
  private waits = 0
  private window = { index: -1, bytes: 0 }
  private busiest = 0

  constructor(
    bytesPerSecond: number | null,
    private readonly timer: UplinkTimer = realUplinkTimer,
  ) {
    this.refilledAt = timer.now()
    this.setCap(bytesPerSecond)
  }

  /** A new cap applies to chunks from now on; null lifts it. The bucket starts full. */
  setCap(bytesPerSecond: number | null): void {
    this.rate = bytesPerSecond
    this.tokens = this.burstBytes()
    this.refilledAt = this.timer.now()
  }

  /** Resolves once `bytes` may pass. */
  async take(bytes: number): Promise<void> {
    const now = this.timer.now()
    let waitMs = 0
    if (this.rate !== null) {
      this.tokens = Math.min(this.burstBytes(), this.tokens + ((now - this.refilledAt) * this.rate) / 1000)
      this.refilledAt = now
      this.tokens -= bytes
      if (this.tokens < 0) waitMs = (-this.tokens / this.rate) * 1000
    }
    // Counted at the time granted, not the time the timer fires: a busy event loop may wake several
    // sleepers at once, but what the link allowed is decided here.
    this.count(bytes, now + waitMs)
    if (waitMs > 0) {
      this.waits += 1
      await this.timer.sleep(waitMs)
    }
  }

  stats(): UplinkStats {
    return {
      bytesPerSecond: this.rate,
      burstBytes: this.burstBytes(),
      admittedBytes: this.admitted,
      waits: this.waits,
      busiestWindowBytes: this.busiest,
    }
  }

  resetStats(): void {
    this.admitted = 0
    this.waits = 0
    this.busiest = 0
    this.window = { index: -1, bytes: 0 }
  }

  private burstBytes(): number {
    return this.rate === null ? 0 : Math.ceil(this.rate / 10)
  }

  private count(bytes: number, grantedAt: number): void {
    this.admitted += bytes
    const index = Math.floor(grantedAt / UPLINK_WINDOW_MS)
    if (index !== this.window.index) this.window = { index, bytes: 0 }
    this.window.bytes += bytes
    this.busiest = Math.max(this.busiest, this.window.bytes)
  }
}
