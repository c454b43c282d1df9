/** Announces an archive's changes at most every EMIT_MS (versions finish many times a second), state changes at once. */
import type { ArchiveView } from '../../../../shared/contract/flows'

const EMIT_MS = 200

export class ArchiveSignals {
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly last = new Map<string, number>()

  constructor(
    private readonly view: (id: string) => ArchiveView | undefined,
    private readonly emit: (view: ArchiveView) => void,
  ) {}

  changed(id: string): void {
    if (this.timers.has(id)) return
    const wait = Math.max(0, (this.last.get(id) ?? 0) + EMIT_MS - Date.now())
    const timer = setTimeout(() => {
      this.timers.delete(id)
      this.now(id)
    }, wait)
    timer.unref?.()
    this.timers.set(id, timer)
  }

  now(id: string): ArchiveView | undefined {
    const timer = this.timers.get(id)
    if (timer) clearTimeout(timer)
    this.timers.delete(id)
    this.last.set(id, Date.now())
    const view = this.view(id)
    if (view) this.emit(view)
    return view
  }

  forget(id: string): void {
    const timer = this.timers.get(id)
    if (timer) clearTimeout(timer)
    this.timers.delete(id)
    this.last.delete(id)
  }

  close(): void {
    for (const id of [...this.timers.keys()]) this.forget(id)
  }
}
