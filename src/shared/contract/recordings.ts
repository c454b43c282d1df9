/**
 * Recordings (issue 12): find calls, get download links, save recordings and transcripts, and hand big
 * exports to Genesys. Each part's declarations are in ./recordings/<part>.ts; spread into src/shared/api.ts.
 */
import { recordingBulkMethods, recordingBulkSignals } from './recordings/bulkJobs'
import { recordingDownloadMethods, recordingDownloadSignals } from './recordings/downloads'
import { recordingFindMethods, recordingFindSignals } from './recordings/find'
import { recordingLinkAppEvents, recordingLinkMethods } from './recordings/links'
import { recordingTranscriptMethods } from './recordings/transcripts'

export * from './recordings/common'
export * from './recordings/find'
export * from './recordings/links'
export * from './recordings/downloads'
export * from './recordings/transcripts'
export * from './recordings/bulkJobs'

export const recordingMethods = {
  ...recordingFindMethods,
  ...recordingLinkMethods,
  ...recordingDownloadMethods,
  ...recordingTranscriptMethods,
  ...recordingBulkMethods,
}

export const recordingSignals = {
  ...recordingFindSignals,
  ...recordingDownloadSignals,
  ...recordingBulkSignals,
}

export const recordingAppEvents = {
  ...recordingLinkAppEvents,
}
