/**
 * How long each batch has been working: the time with at least one of its rows queued, hashing,
 * uploading or confirming. Paused, interrupted and finished time is not counted, so a batch's duration
 * and average speed are those of its work. Closed stretches are stored with the batch (workedMs); the
 * open one is kept in memory only, so time while Switchboard was closed is never counted.
 */
import type { UploadRowState, UploadView } from '../../../shared/contract/uploads'
import type { UploadBatch } from './batchStore'

const WORKING = new Set<UploadRowState>(['queued', 'hashing', 'uploading', 'confirming'])

export class BatchActivity {
  /** Batch id -> epoch ms its open working stretch began. */
  private readonly since = new Map<string, number>()

  constructor(private readonly now: () => number) {}

  /** A new batch: working from now. */
  started(batchId: string): void {
    this.since.set(batchId, this.now())
  }

  /** The time worked so far; undefined for a batch kept from a version that did not count it. */
  workedMs(batch: UploadBatch, rows: UploadView[]): number | undefined {
    if (batch.workedMs === undefined) return undefined
    const since = this.since.get(batch.id)
    return since === undefined ? batch.workedMs : batch.workedMs + this.stretch(since, rows)
  }

  /** Opens or closes the batch's stretch as its rows say; returns the batch to store when one closed. */
  observe(batch: UploadBatch, rows: UploadView[]): UploadBatch | undefined {
    if (batch.workedMs === undefined) return undefined
    const since = this.since.get(batch.id)
    const working = rows.some((row) => WORKING.has(row.state))
    if (working && since === undefined) this.since.set(batch.id, this.now())
    if (working || since === undefined) return undefined
    this.since.delete(batch.id)
    return { ...batch, workedMs: batch.workedMs + this.stretch(since, rows) }
  }

  /** At shutdown, once the jobs have stopped: every open stretch, closed now. */
  closeAll(batches: UploadBatch[]): UploadBatch[] {
    const closed: UploadBatch[] = []
    for (const batch of batches) {
      const since = this.since.get(batch.id)
      if (since === undefined || batch.workedMs === undefined) continue
      closed.push({ ...batch, workedMs: batch.workedMs + Math.max(0, this.now() - since) })
    }
    this.since.clear()
    return closed
  }

  /**
   * An open stretch runs to now while the batch works; once nothing works, to its rows' last change
   * (the moment the last one stopped), which the throttled summary sees up to a moment later.
   */
  private stretch(since: number, rows: UploadView[]): number {
    const now = this.now()
    if (rows.some((row) => WORKING.has(row.state))) return Math.max(0, now - since)
    const lastChange = rows.reduce((max, row) => Math.max(max, Date.parse(row.updatedAt) || 0), since)
    return Math.max(0, Math.min(now, lastChange) - since)
  }
}
