import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { SandboxContext } from '../context'
import { sendGenesysStatus, sendS3Error } from '../errors'
import { REPORT_PREFIX, pathOf } from '../surface'
import type { UploadReport } from '../uploadReports'
import { parseApiBody } from '../validation'

const REPORTS_PATH = '/api/v2/recording/uploads/reports'
const REPORT_URL_SECONDS = 3600

const reportRequest = z.object({
  dateSince: z.iso.datetime({ offset: true }),
  uploadStatus: z.enum(['Pending', 'Success', 'Failure', 'WaitForConversation']).optional(),
})

/** Upload status reports: create, poll until Completed, then fetch the CSV from its signed URL. */
export function uploadReportRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.post(REPORTS_PATH, async (request, reply) => {
    const input = parseApiBody(reportRequest, request.body, reply)
    if (!input) return reply
    return describe(ctx.reports.create(Date.parse(input.dateSince), input.uploadStatus), ctx)
  })

  app.get(`${REPORTS_PATH}/:reportId`, async (request, reply) => {
    const report = ctx.reports.poll((request.params as { reportId: string }).reportId)
    return report ? describe(report, ctx) : sendGenesysStatus(reply, 404, 'The upload report was not found.')
  })

  app.get(`${REPORT_PREFIX}:reportId`, async (request, reply) => {
    const check = ctx.signer.check('GET', pathOf(request.url), request.query as Record<string, unknown>, request.headers)
    if (!check.ok) {
      return check.reason === 'expired'
        ? sendS3Error(reply, 403, 'AccessDenied', 'Request has expired')
        : sendS3Error(reply, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')
    }
    const report = ctx.reports.find((request.params as { reportId: string }).reportId)
    if (!report?.csv) return sendS3Error(reply, 404, 'NoSuchKey', 'The specified key does not exist.')
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="upload-report-${report.id}.csv"`)
      .send(report.csv)
  })
}

function describe(report: UploadReport, ctx: SandboxContext) {
  const path = `${REPORT_PREFIX}${report.id}`
  return {
    id: report.id,
    state: report.state,
    ...(report.state === 'Completed' ? { signedUrl: `${ctx.baseUrl}${path}?${ctx.signer.sign('GET', path, REPORT_URL_SECONDS, {})}` } : {}),
    selfUri: `${REPORTS_PATH}/${report.id}`,
  }
}
