import type { Handlers, Notice } from '../../shared/api'
import type { AuditLog, AuditScope } from './audit'
import type { AppEventHub } from './events/appEventHub'
import type { EventHub } from './events/eventHub'
import type { JobKind, JobRunner, JobStore } from './jobs'
import type { SettingsSlice, SettingsSliceOptions } from './kit/settingsSlice'
import type { WorkflowSecrets } from './kit/workflowSecrets'
import type { Connections } from './profiles/connections'
import type { ProfileStore } from './profiles/profileStore'
import type { StatusTracker } from './status/statusTracker'
import type { CoreDeps, SettingsBackend } from './types'
import type { z } from 'zod'

/** What every workflow may use; built once by createCore. */
export interface WorkflowServices {
  dataDir: string
  settings: SettingsBackend
  profiles: ProfileStore
  connections: Connections
  audit: AuditLog
  /** Profile and org names for an audit entry about this profile (org '' when it cannot be read). */
  scope(profileId: string): Promise<AuditScope>
  /** For entries about the app itself, not a profile: { profile: 'switchboard', org: '' }. */
  systemScope: Readonly<AuditScope>
  /** This workflow's settings under `key`, validated on read (bad fields read as defaults, with a notice) and on write. */
  settingsSlice<S extends z.ZodObject>(
    key: string,
    schema: S,
    defaults: z.output<S>,
    options?: Pick<SettingsSliceOptions<z.output<S>>, 'normalize'>,
  ): SettingsSlice<z.output<S>>
  /** This workflow's own secrets, sealed by the box that seals client secrets. */
  secrets: WorkflowSecrets
  /** UI signals: tell screens to refresh. */
  events: EventHub
  /**
   * Something the admin must know: shown now, and kept in app.info's notices for this run (a window
   * opened later sees it). A fact that outlives a restart is given again by the workflow's start().
   */
  notify(notice: Notice): void
  /** The notice with this id no longer holds (what it reported was put right): app.info stops listing it. */
  retractNotice(id: string): void
  /** App events: checked, audited, delivered. Never personal data (see shared/contract/appEventFields.ts). */
  appEvents: AppEventHub
  status: StatusTracker
  now: () => Date
  /** The job runner; available once createCore has built it (after every workflow is created). */
  jobs(): JobRunner
  /** The durable store behind jobs(): a job's params and checkpoint, removal of finished jobs. Same timing as jobs(). */
  jobStore(): JobStore
  /** Test and benchmark knobs from CoreDeps; the shells never set them. */
  tuning: Pick<CoreDeps, 'uploadTuning' | 'promptTuning'>
  /** The shell's "Show in folder" (Electron); undefined in the web shell. */
  showItemInFolder?: CoreDeps['showItemInFolder']
  /** The shell's native folder / save-file dialog (Electron); undefined in the web shell. */
  pickPath?: CoreDeps['pickPath']
}

/** One capability of the product (uploads, privacy, schemas, ...): its methods and its job kinds. Built with kit/defineWorkflow. */
export interface Workflow {
  handlers: Partial<Handlers>
  /** Declared with defineJobKind, so stored jobs are validated before they run. */
  jobKinds?: JobKind[]
  /** Called once the job runner exists (e.g. to read persisted state or resume timers). */
  start?(): Promise<void> | void
  close?(): Promise<void>
}
