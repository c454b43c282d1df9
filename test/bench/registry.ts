import { auditBenchmarks } from './audit.bench'
import { auditForwardBenchmarks } from './auditForward.bench'
import { flowArchiveBenchmarks } from './flowArchive.bench'
import type { Benchmark } from './harness'
import { promptUploadBenchmarks } from './promptUpload.bench'
import { recordingDownloadBenchmarks } from './recordingDownloads.bench'
import { schemaBenchmarks } from './schemas.bench'
import { uploadBenchmarks } from './uploads.bench'
import { webhookBenchmarks } from './webhook.bench'

/** Every benchmark `npm run bench` knows, in the order it runs them. Each workflow adds its own here. */
export const benchmarks: Benchmark[] = [
  ...uploadBenchmarks,
  ...schemaBenchmarks,
  ...auditBenchmarks,
  ...recordingDownloadBenchmarks,
  ...flowArchiveBenchmarks,
  ...promptUploadBenchmarks,
  ...webhookBenchmarks,
  ...auditForwardBenchmarks,
]
