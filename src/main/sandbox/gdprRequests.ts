import { randomUUID } from 'node:crypto'
import { exportResultFiles, type GdprResultFile } from './gdprResults'
import { isMarkedToFail, seededSubject, type GdprSubject } from './gdprSubjects'
import { uuidFrom } from './organization'

export const GDPR_REQUEST_TYPES = ['GDPR_EXPORT', 'GDPR_UPDATE', 'GDPR_DELETE'] as const
export type GdprRequestType = (typeof GDPR_REQUEST_TYPES)[number]
export type GdprStatus = 'INITIATED' | 'SEARCHING' | 'UPDATING' | 'DELETING' | 'FINALIZING' | 'COMPLETED' | 'ERROR'

export interface ReplacementTerm {
  type: string
  existingValue: string
  updatedValue: string
}

export interface CreatedBy {
  id: string
  name: string
  selfUri: string
}

/** A GDPR request as the sandbox holds it; its status follows from its age (see statusAt). */
export interface GdprRequestRecord {
  id: string
  createdBy: CreatedBy
  requestType: GdprRequestType
  subject: GdprSubject
  replacementTerms?: ReplacementTerm[]
  createdAt: number
  /** How long each phase lasts, fixed when the request is made. */
  stepMs: number
  fails: boolean
  /** GETs of this request by id: what a client's polling cost the org. */
  polls: number
  /** For tests: values a later platform release might send (a new status or type), reported as they are. */
  reportedAs?: { status?: string; requestType?: string }
}

const PHASES: Record<GdprRequestType, GdprStatus[]> = {
  GDPR_EXPORT: ['INITIATED', 'SEARCHING', 'FINALIZING'],
  GDPR_UPDATE: ['INITIATED', 'SEARCHING', 'UPDATING', 'FINALIZING'],
  GDPR_DELETE: ['INITIATED', 'SEARCHING', 'DELETING', 'FINALIZING'],
}
/** A failing request gets as far as searching, then ends. */
const FAILING_PHASES: GdprStatus[] = ['INITIATED', 'SEARCHING']

const HOUR = 3_600_000

/**
 * GDPR requests: each moves INITIATED -> SEARCHING -> (UPDATING | DELETING) -> FINALIZING -> COMPLETED,
 * one phase per stepMs, or to ERROR after SEARCHING for people marked to fail. Derived from the clock,
 * not timers, so nothing runs in the background. A few requests "made elsewhere" are seeded.
 */
export class GdprRequests {
  private readonly requests = new Map<string, GdprRequestRecord>()

  constructor(private readonly now: () => number) {
    this.seed()
  }

  create(input: {
    requestType: GdprRequestType
    subject: GdprSubject
    replacementTerms?: ReplacementTerm[]
    createdBy: CreatedBy
    stepMs: number
  }): GdprRequestRecord {
    const record: GdprRequestRecord = { id: randomUUID(), createdAt: this.now(), fails: isMarkedToFail(input.subject), polls: 0, ...input }
    this.requests.set(record.id, record)
    return record
  }

  find(id: string): GdprRequestRecord | undefined {
    return this.requests.get(id)
  }

  /** Newest first, as an admin reading the list wants them. */
  list(): GdprRequestRecord[] {
    return [...this.requests.values()].sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id))
  }

  countPoll(record: GdprRequestRecord): void {
    record.polls += 1
  }

  statusAt(record: GdprRequestRecord, at: number = this.now()): GdprStatus {
    const phases = record.fails ? FAILING_PHASES : PHASES[record.requestType]
    const index = Math.floor(Math.max(0, at - record.createdAt) / record.stepMs)
    if (index < phases.length) return phases[index]
    return record.fails ? 'ERROR' : 'COMPLETED'
  }

  /** When the request reached its final status (for the results' date). */
  finishedAt(record: GdprRequestRecord): number {
    const phases = record.fails ? FAILING_PHASES : PHASES[record.requestType]
    return record.createdAt + phases.length * record.stepMs
  }

  /** The files of a completed export; none for other requests or before completion. */
  resultFiles(record: GdprRequestRecord): GdprResultFile[] {
    if (record.requestType !== 'GDPR_EXPORT' || this.statusAt(record) !== 'COMPLETED') return []
    return exportResultFiles(record.id, record.subject, new Date(this.finishedAt(record)).toISOString())
  }

  private seed(): void {
    const start = this.now()
    const officer: CreatedBy = {
      id: uuidFrom('gdpr-user:dpo'),
      name: 'Priya Raman (Data Protection Officer)',
      selfUri: `/api/v2/users/${uuidFrom('gdpr-user:dpo')}`,
    }
    const seeds: Array<Omit<GdprRequestRecord, 'polls' | 'fails' | 'createdBy'>> = [
      {
        id: uuidFrom('gdpr-request:seed-export-amelia'),
        requestType: 'GDPR_EXPORT',
        subject: seededSubject('amelia-user'),
        createdAt: start - 72 * HOUR,
        stepMs: HOUR,
      },
      {
        id: uuidFrom('gdpr-request:seed-delete-ivan'),
        requestType: 'GDPR_DELETE',
        subject: seededSubject('ivan'),
        createdAt: start - 26 * HOUR,
        stepMs: HOUR,
      },
      {
        id: uuidFrom('gdpr-request:seed-update-bruno'),
        requestType: 'GDPR_UPDATE',
        subject: seededSubject('bruno'),
        replacementTerms: [{ type: 'EMAIL', existingValue: 'bruno.costa@example.net', updatedValue: 'b.costa@example.net' }],
        createdAt: start - 20 * HOUR,
        stepMs: 4 * HOUR,
      },
      // Still running: an export that takes hours, as real ones do.
      {
        id: uuidFrom('gdpr-request:seed-export-dana'),
        requestType: 'GDPR_EXPORT',
        subject: seededSubject('dana'),
        createdAt: start - 2 * HOUR,
        stepMs: 1.5 * HOUR,
      },
    ]
    for (const seed of seeds) this.requests.set(seed.id, { ...seed, createdBy: officer, fails: isMarkedToFail(seed.subject), polls: 0 })
  }
}
