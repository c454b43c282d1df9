/**
 * prompts.upload.changed and prompts.batch.changed: a row's state changes go out at once, its progress at
 * most every EMIT_MS; a batch's at most every EMIT_MS. Every row view carries a rising revision (seeded
 * with the clock, so it keeps rising across restarts): a screen keeps the highest it has seen.
 */
import type { PromptUploadView } from '../../../../shared/contract/prompts'

const EMIT_MS = 200

export interface BatchSignalDeps {
  view(id: string, revision: number): PromptUploadView | undefined
  emitUpload(view: PromptUploadView): void
  emitBatch(batchId: string): void
}

export class BatchSignals {
  private counter = Date.now()
  private readonly revisions = new Map<string, number>()
  private readonly lastState = new Map<string, string>()
  private readonly rowTimers = new Map<string, NodeJS.Timeout>()
  private readonly batchTimers = new Map<string, NodeJS.Timeout>()

  constructor(private readonly deps: BatchSignalDeps) {}

  revisionOf(id: string): number {
    return this.revisions.get(id) ?? this.counter
  }

  /** The job changed: at once when its state did, else throttled. */
  changed(id: string): void {
    const view = this.deps.view(id, this.revisionOf(id))
    if (!view) return
    if (this.lastState.get(id) !== view.state) this.now(id)
    else if (!this.rowTimers.has(id)) {
      const timer = setTimeout(() => this.now(id), EMIT_MS)
      timer.unref?.()
      this.rowTimers.set(id, timer)
    }
  }

  now(id: string): PromptUploadView | undefined {
    clearTimeout(this.rowTimers.get(id))
    this.rowTimers.delete(id)
    const revision = ++this.counter
    const view = this.deps.view(id, revision)
    if (!view) return undefined
    this.revisions.set(id, revision)
    this.lastState.set(id, view.state)
    this.deps.emitUpload(view)
    this.batchChanged(view.batchId)
    return view
  }

  batchChanged(batchId: string): void {
    if (this.batchTimers.has(batchId)) return
    const timer = setTimeout(() => {
      this.batchTimers.delete(batchId)
      this.deps.emitBatch(batchId)
    }, EMIT_MS)
    timer.unref?.()
    this.batchTimers.set(batchId, timer)
  }

  forget(id: string): void {
    clearTimeout(this.rowTimers.get(id))
    this.rowTimers.delete(id)
    this.revisions.delete(id)
    this.lastState.delete(id)
  }

  close(): void {
    for (const timer of [...this.rowTimers.values(), ...this.batchTimers.values()]) clearTimeout(timer)
    this.rowTimers.clear()
    this.batchTimers.clear()
  }
}
