/**
 * Bookkeeping put off for a moment and then done in a run: the record and audit entry of attempts that
 * delivered while their queue had more waiting. Done one at a time between two POSTs, each cost several
 * times what it costs in a run (measured in the webhook-1000 burst), and a burst is CPU-bound. Both
 * are queued writes anyway (the outbox and the audit log reach the disk within a second), so a few
 * milliseconds more change nothing durable; the owner runs them before anything that must come after.
 */
export class DeferredRecords<T> {
  private waiting: T[] = []
  private timer?: NodeJS.Timeout

  constructor(
    private readonly record: (item: T) => void,
    private readonly atMost = 64,
    private readonly waitMs = 10,
  ) {}

  add(item: T): void {
    this.waiting.push(item)
    if (this.waiting.length >= this.atMost) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), this.waitMs)
  }

  /** Records everything waiting, in the order it came. */
  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    const waiting = this.waiting
    this.waiting = []
    for (const item of waiting) this.record(item)
  }
}
