/**
 * Announces a download's changes at most every EMIT_MS (bytes move many times a second), with its rate
 * and time left over a moving window, and tells the job's progress to the Jobs panel.
 */
import type { DownloadView } from '../../../../shared/contract/recordings'
import { ProgressTracker } from '../../jobs/progressTracker'
import type { DownloadRecord } from './downloadRecord'
import { toDownloadView, type LiveProgress } from './downloadView'

const EMIT_MS = 200

interface Slot {
  tracker: ProgressTracker
  live: LiveProgress
  timer?: NodeJS.Timeout
  last: number
}

export class DownloadSignals {
  private readonly slots = new Map<string, Slot>()

  constructor(
    private readonly view: (record: DownloadRecord, live: LiveProgress) => DownloadView,
    private readonly emit: (view: DownloadView) => void,
    private readonly progress: (id: string, p: { doneBytes: number; totalBytes?: number; step: string }) => void,
  ) {}

  changed(record: DownloadRecord): void {
    const slot = this.slotOf(record.id)
    if (slot.timer) return
    const wait = Math.max(0, slot.last + EMIT_MS - Date.now())
    slot.timer = setTimeout(() => {
      slot.timer = undefined
      this.now(record)
    }, wait)
    slot.timer.unref?.()
  }

  /** Announces at once (a state change the screen must not miss). */
  now(record: DownloadRecord): DownloadView {
    const slot = this.slotOf(record.id)
    if (slot.timer) clearTimeout(slot.timer)
    slot.timer = undefined
    slot.last = Date.now()
    const bare = toDownloadView(record, undefined)
    const p = slot.tracker.update(
      {},
      { doneBytes: bare.bytes, ...(bare.totalBytes !== undefined ? { totalBytes: bare.totalBytes } : {}) },
      slot.last,
    )
    slot.live = { bytesPerSecond: p.bytesPerSecond, etaSeconds: p.etaSeconds }
    const view = this.view(record, slot.live)
    this.progress(record.id, {
      doneBytes: view.bytes,
      ...(view.totalBytes !== undefined ? { totalBytes: view.totalBytes } : {}),
      step: `${view.counts.saved + view.counts.skipped + view.counts.failed} of ${view.counts.total} files`,
    })
    this.emit(view)
    return view
  }

  live(id: string): LiveProgress {
    return this.slots.get(id)?.live ?? {}
  }

  forget(id: string): void {
    const slot = this.slots.get(id)
    if (slot?.timer) clearTimeout(slot.timer)
    this.slots.delete(id)
  }

  close(): void {
    for (const id of [...this.slots.keys()]) this.forget(id)
  }

  private slotOf(id: string): Slot {
    let slot = this.slots.get(id)
    if (!slot) {
      slot = { tracker: new ProgressTracker(), live: {}, last: 0 }
      this.slots.set(id, slot)
    }
    return slot
  }
}
