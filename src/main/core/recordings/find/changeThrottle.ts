/**
 * At most one change signal per interval while a find runs (a screen re-renders each one), plus the
 * final one on flush. The interval grows with the find's size so large views are not sent too often.
 */
export class ChangeThrottle {
  private timer: ReturnType<typeof setTimeout> | undefined
  private last = 0

  constructor(
    private readonly emit: () => void,
    private readonly intervalMs: () => number,
  ) {}

  changed(): void {
    if (this.timer) return
    const wait = this.last + this.intervalMs() - Date.now()
    if (wait <= 0) this.fire()
    else this.timer = setTimeout(() => this.fire(), wait)
  }

  flush(): void {
    this.fire()
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }

  private fire(): void {
    this.dispose()
    this.last = Date.now()
    this.emit()
  }
}

/** 250 ms (4 a second) for up to 1,000 conversations, then slower, never more than 5 s apart. */
export function changeIntervalMs(conversations: number): number {
  return Math.min(5_000, Math.max(250, Math.round(conversations / 4)))
}
