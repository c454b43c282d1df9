const WINDOW_MS = 60_000

export interface RateLimitState {
  /** Requests counted in the current window, this one included. */
  count: number
  allowed: number
  /** Seconds until the window starts over. */
  resetSeconds: number
  limited: boolean
}

interface Window {
  startedAt: number
  count: number
}

/** A fixed 60-second window per token, as the platform's per-client-credentials budget. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>()

  constructor(
    private perMinute: number,
    private readonly now: () => number,
  ) {}

  setLimit(perMinute: number): void {
    this.perMinute = perMinute
  }

  /** Count one request against the key's window and say whether it is over the limit. */
  take(key: string): RateLimitState {
    const window = this.currentWindow(key, true)
    window.count += 1
    return this.describe(window)
  }

  /** The window's state without counting a request (for answers that never reach the budget). */
  peek(key: string | undefined): RateLimitState {
    const window = key === undefined ? undefined : this.currentWindow(key, false)
    return this.describe(window ?? { startedAt: this.now(), count: 0 })
  }

  private currentWindow(key: string, create: true): Window
  private currentWindow(key: string, create: false): Window | undefined
  private currentWindow(key: string, create: boolean): Window | undefined {
    const now = this.now()
    let window = this.windows.get(key)
    if (window && now - window.startedAt >= WINDOW_MS) {
      this.windows.delete(key)
      window = undefined
    }
    if (!window && create) {
      if (this.windows.size > 10_000) this.dropStale(now)
      window = { startedAt: now, count: 0 }
      this.windows.set(key, window)
    }
    return window
  }

  private describe(window: Window): RateLimitState {
    const remainingMs = Math.max(0, window.startedAt + WINDOW_MS - this.now())
    return {
      count: window.count,
      allowed: this.perMinute,
      resetSeconds: Math.max(1, Math.ceil(remainingMs / 1000)),
      limited: window.count > this.perMinute,
    }
  }

  private dropStale(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= WINDOW_MS) this.windows.delete(key)
  }
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'inin-ratelimit-count': String(state.count),
    'inin-ratelimit-allowed': String(state.allowed),
    'inin-ratelimit-reset': String(state.resetSeconds),
  }
}
