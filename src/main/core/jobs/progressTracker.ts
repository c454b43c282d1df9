/**
 * Turns a job's raw progress (doneBytes of totalBytes) into a rate and an ETA over a moving window,
 * so one slow or fast moment does not swing the estimate.
 */
import type { JobProgress } from '../../../shared/api'

export const RATE_WINDOW_MS = 5000

export class ProgressTracker {
  private samples: { t: number; bytes: number }[] = []

  constructor(private readonly windowMs = RATE_WINDOW_MS) {}

  /** Merges p into the previous progress and adds bytesPerSecond / etaSeconds when they can be known. */
  update(previous: JobProgress, p: JobProgress, t: number): JobProgress {
    const next: JobProgress = { ...previous, ...p }
    delete next.bytesPerSecond
    delete next.etaSeconds
    // A wait before a retry lasts until the next progress says otherwise.
    if (p.retry === undefined) delete next.retry
    if (next.doneBytes === undefined) return next
    const last = this.samples.at(-1)
    if (last && next.doneBytes < last.bytes) this.samples = [] // restarted from a lower offset
    this.samples.push({ t, bytes: next.doneBytes })
    // Keep one sample older than the window so the window is always fully spanned.
    while (this.samples.length > 2 && this.samples[1].t <= t - this.windowMs) this.samples.shift()
    const first = this.samples[0]
    const elapsedMs = t - first.t
    if (elapsedMs <= 0) return next
    const rate = ((next.doneBytes - first.bytes) * 1000) / elapsedMs
    next.bytesPerSecond = Math.round(rate)
    if (next.totalBytes !== undefined && rate > 0) {
      next.etaSeconds = Math.max(0, Math.ceil((next.totalBytes - next.doneBytes) / rate))
    }
    return next
  }

  reset(): void {
    this.samples = []
  }
}
