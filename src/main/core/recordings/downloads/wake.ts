/** One sleeper woken early by any event (a file done, a decision, a stop), or after its timeout. */
export class Wake {
  private waiters: (() => void)[] = []
  private pending = false

  /** Wakes the current sleep, or makes the next one return at once. */
  notify(): void {
    const waiters = this.waiters
    this.waiters = []
    if (waiters.length === 0) this.pending = true
    for (const resolve of waiters) resolve()
  }

  async sleep(ms: number | undefined, signal: AbortSignal): Promise<void> {
    if (this.pending) {
      this.pending = false
      return
    }
    await new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined
      const done = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        // A sleep its timer or a stop ended is no longer there to be woken: a notice given while the
        // loop is busy must wait as pending for the next sleep, not go to this one.
        this.waiters = this.waiters.filter((waiter) => waiter !== done)
        resolve()
      }
      if (ms !== undefined) timer = setTimeout(done, ms)
      signal.addEventListener('abort', done, { once: true })
      this.waiters.push(done)
    })
  }
}
