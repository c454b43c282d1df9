import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SandboxContext } from '../context'
import { sendGenesysError } from '../errors'
import type { SandboxFlowRecord } from '../flows/flowRecords'
import { filterFlows, linkQuery, readFlowListQuery } from '../flows/flowListQuery'
import { FLOWS_PATH, flowVersionView, flowView } from '../flows/flowView'
import { pageOf, type PageRequest } from '../paging'
import { requirePermission } from '../permissions'

export const FLOW_VIEW = 'architect:flow:view'

/**
 * Architect flows: the list (type and name filters, pages), a flow, its versions (newest first, paged),
 * a version's configuration and the latest one. A flow in a division the client may not read is listed,
 * but its versions and configurations answer 403.
 */
export function flowRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get(FLOWS_PATH, async (request, reply) => {
    if (!requirePermission(ctx, reply, FLOW_VIEW)) return reply
    const query = request.query as Record<string, unknown>
    const read = readFlowListQuery(query)
    if (!read.ok)
      return sendGenesysError(reply, 400, 'bad.request', read.message, {
        details: [{ errorCode: 'invalid.value', fieldName: read.fieldName }],
      })
    const flows = filterFlows(ctx.flows.list(), read.filter).map(flowView)
    return pageOf(flows, FLOWS_PATH, query as PageRequest, linkQuery(read.filter))
  })

  app.get(`${FLOWS_PATH}/:flowId`, async (request, reply) => {
    if (!requirePermission(ctx, reply, FLOW_VIEW)) return reply
    const flow = findFlow(request, reply)
    return flow ? flowView(flow) : reply
  })

  app.get(`${FLOWS_PATH}/:flowId/versions`, async (request, reply) => {
    const flow = readableFlow(request, reply)
    if (!flow) return reply
    const newestFirst = [...flow.versions].reverse().map(flowVersionView)
    return pageOf(newestFirst, `${FLOWS_PATH}/${flow.id}/versions`, request.query as PageRequest)
  })

  app.get(`${FLOWS_PATH}/:flowId/versions/:versionId`, async (request, reply) => {
    const flow = readableFlow(request, reply)
    if (!flow) return reply
    const version = flow.versions.find((v) => v.id === (request.params as { versionId: string }).versionId)
    return version ? flowVersionView(version) : versionNotFound(reply, request)
  })

  app.get(`${FLOWS_PATH}/:flowId/versions/:versionId/configuration`, async (request, reply) => {
    const flow = readableFlow(request, reply)
    if (!flow) return reply
    return ctx.flows.configuration(flow.id, (request.params as { versionId: string }).versionId) ?? versionNotFound(reply, request)
  })

  app.get(`${FLOWS_PATH}/:flowId/latestconfiguration`, async (request, reply) => {
    const flow = readableFlow(request, reply)
    if (!flow) return reply
    const newest = flow.versions.at(-1)
    return (
      (newest && ctx.flows.configuration(flow.id, newest.id)) ??
      sendGenesysError(reply, 404, 'not.found', `Flow ${flow.id} has no configuration.`)
    )
  })

  function findFlow(request: FastifyRequest, reply: FastifyReply): SandboxFlowRecord | undefined {
    const { flowId } = request.params as { flowId: string }
    const flow = ctx.flows.flow(flowId)
    if (!flow)
      sendGenesysError(reply, 404, 'not.found', `Flow ${flowId} was not found.`, {
        details: [{ errorCode: 'not.found', entityId: flowId }],
      })
    return flow
  }

  /** The flow, when the client may read its versions: the permission, and the flow's division. */
  function readableFlow(request: FastifyRequest, reply: FastifyReply): SandboxFlowRecord | undefined {
    if (!requirePermission(ctx, reply, FLOW_VIEW)) return undefined
    const flow = findFlow(request, reply)
    if (!flow || flow.division.readable) return flow
    sendGenesysError(
      reply,
      403,
      'missing.division.permission',
      `You are missing the following permission(s): [${FLOW_VIEW}] in division(s) [${flow.division.name}]`,
      { details: [{ errorCode: 'missing.division.permission', entityId: flow.division.id, entityName: flow.division.name }] },
    )
    return undefined
  }
}

function versionNotFound(reply: FastifyReply, request: FastifyRequest): FastifyReply {
  const { flowId, versionId } = request.params as { flowId: string; versionId: string }
  return sendGenesysError(reply, 404, 'not.found', `Flow ${flowId} has no version ${versionId}.`, {
    details: [{ errorCode: 'not.found', entityId: versionId }],
  })
}
