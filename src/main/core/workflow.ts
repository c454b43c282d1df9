import type { Handlers } from '../../shared/api'
import type { AuditLog } from './audit'
import type { EventHub } from './events/eventHub'
import type { JobHandler, JobRunner, JobStore } from './jobs'
import type { Connections } from './profiles/connections'
import type { ProfileStore } from './profiles/profileStore'
import type { StatusTracker } from './status/statusTracker'
import type { CoreDeps, SettingsBackend } from './types'

/** What every workflow may use; built once by createCore. */
export interface WorkflowServices {
  dataDir: string
  settings: SettingsBackend
  profiles: ProfileStore
  connections: Connections
  audit: AuditLog
  events: EventHub
  status: StatusTracker
  now: () => Date
  /** The job runner; available once createCore has built it (after every workflow is created). */
  jobs(): JobRunner
  /** The durable store behind jobs(): a job's params and checkpoint, removal of finished jobs. Same timing as jobs(). */
  jobStore(): JobStore
  /** Test and benchmark knobs from CoreDeps; the shells never set them. */
  tuning: Pick<CoreDeps, 'uploadTuning'>
  /** The shell's "Show in folder" (Electron); undefined in the web shell. */
  showItemInFolder?: CoreDeps['showItemInFolder']
  /** The shell's native folder / save-file dialog (Electron); undefined in the web shell. */
  pickPath?: CoreDeps['pickPath']
}

/** One capability of the product (uploads, privacy, schemas, ...): its methods and its job kinds. */
export interface Workflow {
  handlers: Partial<Handlers>
  /** pauseRefusal: why this kind cannot be paused (in words for the admin); omit when it can. */
  jobKinds?: Record<string, { handler: JobHandler; concurrency: number; pauseRefusal?: string }>
  /** Called once the job runner exists (e.g. to read persisted state or resume timers). */
  start?(): Promise<void> | void
  close?(): Promise<void>
}

export type WorkflowFactory = (services: WorkflowServices) => Workflow | Promise<Workflow>
