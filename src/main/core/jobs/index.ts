export { openJobStore, JOURNAL_FILE } from './jobStore'
export type { OpenJobStoreOptions } from './jobStore'
export { createJobRunner, toJobView } from './jobRunner'
export type { JobContext, JobHandler, JobPatch, JobRunner, JobRunnerOptions, JobStore, JobStoreStartupReport, StoredJob } from './jobTypes'
