import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../context'
import { controlRoutes } from './control'
import { conversationDetailsRoutes } from './conversationDetails'
import { conversationRecordingRoutes } from './conversationRecordings'
import { flowExportRoutes } from './flowExports'
import { flowRoutes } from './flows'
import { gdprRoutes } from './gdpr'
import { oauthRoutes } from './oauth'
import { organizationRoutes } from './organizations'
import { promptRoutes } from './prompts'
import { recordingBatchRoutes } from './recordingBatches'
import { recordingJobRoutes } from './recordingJobs'
import { recordingMediaRoutes } from './recordingMedia'
import { recordingSearchRoutes } from './recordingSearch'
import { schemaRoutes } from './schemas'
import { speechAnalyticsRoutes } from './speechAnalytics'
import { uploadReportRoutes } from './uploadReports'
import { uploadRoutes } from './uploads'
import { userRoutes } from './users'

export type RouteModule = (app: FastifyInstance, ctx: SandboxContext) => void | Promise<void>

/** Every API area the sandbox serves. A workflow adds its routes file here (gdpr, schemas, flows, recordings). */
export const routeModules: RouteModule[] = [
  oauthRoutes,
  organizationRoutes,
  uploadRoutes,
  uploadReportRoutes,
  schemaRoutes,
  userRoutes,
  gdprRoutes,
  recordingMediaRoutes,
  speechAnalyticsRoutes,
  conversationDetailsRoutes,
  conversationRecordingRoutes,
  recordingSearchRoutes,
  recordingBatchRoutes,
  recordingJobRoutes,
  flowRoutes,
  flowExportRoutes,
  promptRoutes,
  controlRoutes,
]
