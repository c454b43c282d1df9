/**
 * Many readers or one writer. Readers (query, export, verify) hold the files they read; the writer
 * (archiving) waits for them to finish and keeps new ones waiting while it moves files away.
 */
export class ReaderLock {
  private readers = 0
  private writing = false
  private wakeups: (() => void)[] = []

  get busy(): boolean {
    return this.readers > 0 || this.writing
  }

  async read<T>(fn: () => Promise<T>): Promise<T> {
    while (this.writing) await this.sleep()
    this.readers += 1
    try {
      return await fn()
    } finally {
      this.readers -= 1
      this.wake()
    }
  }

  async write<T>(fn: () => Promise<T>): Promise<T> {
    while (this.writing) await this.sleep()
    this.writing = true
    try {
      while (this.readers > 0) await this.sleep()
      return await fn()
    } finally {
      this.writing = false
      this.wake()
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => this.wakeups.push(resolve))
  }

  private wake(): void {
    const wakeups = this.wakeups
    this.wakeups = []
    for (const w of wakeups) w()
  }
}
