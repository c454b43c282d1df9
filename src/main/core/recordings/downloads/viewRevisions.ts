/**
 * Numbers the download views the core hands out. The answer to a call (HTTP) and the change signals
 * (the event socket) reach the screen by different ways, in either order: the screen keeps the view
 * with the higher number. The count starts from the clock in microseconds, so a restarted core's views
 * still outnumber those the screen kept from the last run (far fewer than one view per microsecond).
 */
export function viewRevisions(nowMs: number = Date.now()): () => number {
  let last = nowMs * 1000
  return () => ++last
}
