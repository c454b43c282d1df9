import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../context'
import { controlRoutes } from './control'
import { gdprRoutes } from './gdpr'
import { oauthRoutes } from './oauth'
import { organizationRoutes } from './organizations'
import { recordingJobRoutes } from './recordingJobs'
import { recordingMediaRoutes } from './recordingMedia'
import { schemaRoutes } from './schemas'
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
  recordingJobRoutes,
  controlRoutes,
]
