/** Reconnect delay for the event socket: exponential from 500 ms, capped at 15 s, with jitter. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** Math.max(0, attempt))
  return Math.round(base * (0.5 + random() * 0.5))
}
