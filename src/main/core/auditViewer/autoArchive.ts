import type { Notice } from '../../../shared/api'
import { toAppError } from '../../../shared/errors'
import { SYSTEM_PROFILE, type AuditLog } from '../audit'

/**
 * Archives closed segments beyond the newest N after each rotation, one run at a time, when the
 * retention setting asks for it. Failures become a notice: the live log is untouched by them.
 */
export class AutoArchiver {
  private running: Promise<unknown> = Promise.resolve()
  private readonly stop: () => void

  constructor(
    private readonly audit: AuditLog,
    private readonly keep: () => number | null,
    private readonly notify: (notice: Notice) => void,
  ) {
    this.stop = audit.onAppend((entry) => {
      if (entry.action === 'audit.rotate' && entry.profile === SYSTEM_PROFILE) this.schedule()
    })
  }

  /** Runs the archive step now (after the current one), if the setting asks for it. */
  schedule(): Promise<unknown> {
    const keep = this.keep()
    if (keep === null) return this.running
    this.running = this.running.then(() =>
      // After the rotation's own flush has released the log.
      new Promise((r) => setImmediate(r))
        .then(() => this.audit.archive({ keepClosedSegments: keep }))
        .catch((error: unknown) => {
          const failure = toAppError(error)
          this.notify({
            id: `audit-archive-${Date.now()}`,
            level: 'warning',
            message: `Archiving old audit segments failed: ${failure.message}`,
            hint: failure.hint,
          })
        }),
    )
    return this.running
  }

  async close(): Promise<void> {
    this.stop()
    await this.running
  }
}
