export interface BackoffOptions {
  baseMs: number
  capMs: number
  /** Returns [0, 1); injectable so tests can pin the jitter. */
  random?: () => number
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000 }

/**
 * Capped exponential backoff with full jitter: a uniform wait in [0, min(cap, base * 2^retry)).
 * Full jitter spreads clients that failed together (AWS Architecture Blog, "Exponential Backoff and Jitter").
 */
export function backoffDelayMs(retry: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const random = options.random ?? Math.random
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, retry))
  return Math.floor(random() * ceiling)
}
