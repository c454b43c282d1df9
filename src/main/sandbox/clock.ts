/**
 * Where a sandbox reads the time: token and presign expiry, rate-limit windows and their Retry-After,
 * GDPR request progress, and the dates in its answers. The sandbox only reads the time when a request
 * arrives (a GDPR request's status is worked out from its age), so a clock needs no timers of its own.
 * Injected latency and stored-answer delays stay on real timers: they stand for the network, which the
 * client measures with its own real timeouts.
 */
export interface SandboxClock {
  /** Milliseconds since the epoch, as Date.now(). */
  now(): number
}

export const realClock: SandboxClock = { now: () => Date.now() }

/** A clock that moves only when told, so tests and the bench reach an expiry without waiting for it. */
export interface ManualClock extends SandboxClock {
  /** Move the time forward by `ms` (never back); returns the new time. */
  advance(ms: number): number
}

export function manualClock(start: number = Date.now()): ManualClock {
  let time = start
  return {
    now: () => time,
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`A manual clock only moves forward by a finite number of ms, not ${ms}.`)
      time += ms
      return time
    },
  }
}
