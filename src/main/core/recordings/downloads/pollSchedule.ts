/**
 * When a download looks at a batch request again. The first look comes soon after the submit: a small
 * batch is often complete within tens of milliseconds, and every moment before that look is a wait
 * for nothing. After it, the waits start at 250 ms, grow 1.6x while nothing new arrives, never pass
 * 5 s, and start again at 250 ms whenever results arrive.
 */
export const POLL = { firstMs: 50, nextMs: 250, capMs: 5000, factor: 1.6 }

export interface PollTimer {
  nextAt: number
  delayMs: number
}

/** A batch just submitted (or read again after a restart, `now` = 0: at once). */
export function firstPoll(now: number): PollTimer {
  return { nextAt: now + POLL.firstMs, delayMs: POLL.firstMs }
}

export function afterFreshResults(poll: PollTimer, now: number): void {
  poll.delayMs = POLL.nextMs
  poll.nextAt = now + poll.delayMs
}

/** Nothing new (or a passing failure): wait longer, within the cap. */
export function afterNothingNew(poll: PollTimer, now: number): void {
  poll.delayMs = Math.min(POLL.capMs, Math.max(POLL.nextMs, Math.round(poll.delayMs * POLL.factor)))
  poll.nextAt = now + poll.delayMs
}
