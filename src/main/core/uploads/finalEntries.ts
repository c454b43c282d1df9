import type { AuditEntry } from '../../../shared/api'
import type { AuditLog } from '../audit'

export const FINAL_ACTIONS = new Set(['recording.upload.completed', 'recording.upload.skipped'])
/** How far back a resumed job looks for its own final entry (it was written just before the crash). */
const LOOKBACK_ENTRIES = 50_000

/**
 * Answers "was this job's completion already written to the audit log?" for a job that stopped
 * between writing it and recording it in its checkpoint, so the entry is written exactly once.
 * The log is read once, lazily; entries appended afterwards are seen as they are written.
 */
export class FinalEntryLookup {
  private known: Set<string> | undefined
  private loading: Promise<Set<string>> | undefined
  private readonly appendedSinceStart = new Set<string>()

  constructor(private readonly audit: AuditLog) {
    audit.onAppend((entry) => {
      const jobId = finalJobId(entry)
      if (jobId) {
        this.appendedSinceStart.add(jobId)
        this.known?.add(jobId)
      }
    })
  }

  async has(jobId: string): Promise<boolean> {
    if (this.appendedSinceStart.has(jobId)) return true
    this.loading ??= this.load()
    return (await this.loading).has(jobId)
  }

  private async load(): Promise<Set<string>> {
    await this.audit.flush()
    const set = new Set<string>(this.appendedSinceStart)
    for (const entry of await this.audit.tail(LOOKBACK_ENTRIES)) {
      const jobId = finalJobId(entry)
      if (jobId) set.add(jobId)
    }
    this.known = set
    return set
  }
}

function finalJobId(entry: AuditEntry): string | undefined {
  if (!FINAL_ACTIONS.has(entry.action)) return undefined
  const jobId = entry.detail?.jobId
  return typeof jobId === 'string' ? jobId : undefined
}
