import { randomUUID } from 'node:crypto'
import type { DetailsConversation } from './conversationDetails'

export type DetailsJobState = 'QUEUED' | 'PENDING' | 'FULFILLED' | 'FAILED' | 'CANCELLED' | 'EXPIRED'

export interface DetailsJob {
  id: string
  submittedAt: number
  /** Chosen when submitted: the job serves this snapshot once fulfilled. */
  conversations: DetailsConversation[]
  cancelledAt?: number
}

/** QUEUED for the first second, PENDING until the third, then FULFILLED; results kept a day. */
const QUEUED_MS = 1_000
const FULFILLED_AFTER_MS = 3_000
const RESULTS_KEPT_MS = 86_400_000

/**
 * Analytics conversation details jobs. Like the GDPR requests, a job's state follows from its age on
 * the sandbox clock (no timers), so a test with a manual clock moves it by advancing the clock.
 */
export class DetailsJobs {
  private readonly jobs = new Map<string, DetailsJob>()

  constructor(private readonly now: () => number) {}

  create(conversations: DetailsConversation[]): DetailsJob {
    const job: DetailsJob = { id: randomUUID(), submittedAt: this.now(), conversations }
    this.jobs.set(job.id, job)
    return job
  }

  find(id: string): DetailsJob | undefined {
    return this.jobs.get(id)
  }

  /** DELETE: a job still running is cancelled; a finished one is removed with its results. */
  delete(job: DetailsJob): void {
    const state = this.stateOf(job)
    if (state === 'QUEUED' || state === 'PENDING') job.cancelledAt = this.now()
    else this.jobs.delete(job.id)
  }

  stateOf(job: DetailsJob): DetailsJobState {
    const age = this.now() - job.submittedAt
    if (job.cancelledAt !== undefined && job.cancelledAt - job.submittedAt < FULFILLED_AFTER_MS) return 'CANCELLED'
    if (age < QUEUED_MS) return 'QUEUED'
    if (age < FULFILLED_AFTER_MS) return 'PENDING'
    if (age >= FULFILLED_AFTER_MS + RESULTS_KEPT_MS) return 'EXPIRED'
    return 'FULFILLED'
  }

  describe(job: DetailsJob) {
    const state = this.stateOf(job)
    const fulfilledAt = job.submittedAt + FULFILLED_AFTER_MS
    return {
      state,
      submissionDate: new Date(job.submittedAt).toISOString(),
      ...(state === 'FULFILLED' || state === 'EXPIRED'
        ? {
            completionDate: new Date(fulfilledAt).toISOString(),
            expirationDate: new Date(fulfilledAt + RESULTS_KEPT_MS).toISOString(),
          }
        : {}),
    }
  }
}
