export { openJobStore, JOURNAL_FILE, DEFAULT_JOB_RETENTION_MS } from './jobStore'
export type { OpenJobStoreOptions } from './jobStore'
export { createJobRunner, toJobView } from './jobRunner'
export { defineJobKind, jobDamagedError } from './jobKind'
export type { JobKindDefinition, TypedJobContext } from './jobKind'
export type {
  JobContext,
  JobHandler,
  JobKind,
  JobPatch,
  JobRunner,
  JobRunnerOptions,
  JobStore,
  JobStoreStartupReport,
  StoredJob,
  SubmitOptions,
} from './jobTypes'
export { readJobRetentionMs, JOB_RETENTION_SETTING } from './jobRetention'
export { createJobMethods, withControls } from './jobMethods'
export type { JobControl, JobHandlers } from './jobMethods'
