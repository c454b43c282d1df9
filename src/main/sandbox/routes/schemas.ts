import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { SandboxContext } from '../context'
import { sendGenesysError, sendGenesysStatus } from '../errors'
import { uuidFrom } from '../organization'
import { coretypeListing } from '../schemas/coretypes'
import { SANDBOX_SCHEMA_LIMITS } from '../schemas/schemaLimits'
import { SCHEMAS_PATH, SchemaStore, type DataSchemaRecord } from '../schemas/schemaStore'
import { validateSchemaDocument } from '../schemas/validateSchemaDocument'
import { bearerToken } from '../tokens'
import { parseApiBody } from '../validation'

const jsonSchemaDocument = z.looseObject({
  $schema: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  properties: z.record(z.string(), z.unknown()),
  required: z.array(z.string()).optional(),
})

const schemaBody = z.looseObject({
  name: z.string().trim().min(1, 'name is required'),
  appliesTo: z.array(z.string()).optional(),
  enabled: z.boolean().optional(),
  jsonSchema: jsonSchemaDocument,
})
const updateBody = schemaBody.extend({ version: z.number({ message: 'version is required on update' }).int().min(1) })

/** What an External Contacts data schema can apply to; the platform refuses anything else. */
const SCHEMA_TARGETS = ['CONTACT', 'EXTERNAL_ORGANIZATION']

const VERSION_MISMATCH = 'The version number of the modified resource must match the version number in the database.'

/**
 * External Contacts custom-field schemas: list, create, read, update with the version in the body
 * (a stale one answers 409), delete, every version kept, the core types and the org's limits.
 */
export function schemaRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const store = new SchemaStore(ctx.now)
  const limits = SANDBOX_SCHEMA_LIMITS
  const userOf = (request: FastifyRequest) =>
    uuidFrom(`client:${ctx.tokens.find(bearerToken(request.headers.authorization) ?? '')?.clientId ?? 'unknown'}`)

  app.get(SCHEMAS_PATH, async () => {
    const entities = store.list()
    return { total: entities.length, entities, selfUri: SCHEMAS_PATH }
  })
  app.get(`${SCHEMAS_PATH}/coretypes`, async () => coretypeListing(SCHEMAS_PATH))
  app.get(`${SCHEMAS_PATH}/limits`, async () => ({ ...limits, selfUri: `${SCHEMAS_PATH}/limits` }))

  app.post(SCHEMAS_PATH, async (request, reply) => {
    const body = parseApiBody(schemaBody, request.body, reply)
    if (!body) return reply
    if (store.list().length >= limits.maxNumberOfSchemasPerOrg) {
      return sendGenesysError(
        reply,
        400,
        'limit.exceeded',
        `The org already has ${limits.maxNumberOfSchemasPerOrg} schemas, the most allowed.`,
        { details: [{ errorCode: 'limit.exceeded', fieldName: 'name' }] },
      )
    }
    if (refuseInvalid(reply, body, undefined)) return reply
    return store.create(body, userOf(request))
  })

  app.get(`${SCHEMAS_PATH}/:schemaId`, async (request, reply) => found(reply, store.latest(idOf(request))))

  app.put(`${SCHEMAS_PATH}/:schemaId`, async (request, reply) => {
    const id = idOf(request)
    const current = store.latest(id)
    if (!current) return notFound(reply)
    const body = parseApiBody(updateBody, request.body, reply)
    if (!body) return reply
    if (body.version !== current.version) {
      return sendGenesysError(reply, 409, 'conflict', VERSION_MISMATCH, {
        details: [{ errorCode: 'version.mismatch', fieldName: 'version', entityId: id, entityName: current.name }],
      })
    }
    if (refuseInvalid(reply, body, id)) return reply
    return store.update(id, body, userOf(request))
  })

  app.delete(`${SCHEMAS_PATH}/:schemaId`, async (request, reply) =>
    store.remove(idOf(request)) ? reply.code(204).send() : notFound(reply),
  )

  app.get(`${SCHEMAS_PATH}/:schemaId/versions`, async (request, reply) => {
    const id = idOf(request)
    const versions = store.versions(id)
    if (!versions) return notFound(reply)
    const entities = [...versions].reverse().map(asVersion)
    return { total: entities.length, entities, selfUri: `${SCHEMAS_PATH}/${id}/versions` }
  })

  app.get(`${SCHEMAS_PATH}/:schemaId/versions/:versionId`, async (request, reply) => {
    const { versionId } = request.params as { versionId: string }
    const record = /^\d+$/.test(versionId) ? store.version(idOf(request), Number(versionId)) : undefined
    return record ? asVersion(record) : notFound(reply)
  })

  function refuseInvalid(reply: FastifyReply, body: z.infer<typeof schemaBody>, id: string | undefined): boolean {
    const nameTaken = store.list().some((record) => record.id !== id && record.name.toLowerCase() === body.name.toLowerCase())
    const problems = validateSchemaDocument(body.jsonSchema, limits, store.fieldCountExcept(id))
    const badTargets = (body.appliesTo ?? []).filter((target) => !SCHEMA_TARGETS.includes(target))
    if (badTargets.length > 0)
      problems.unshift({
        detail: { errorCode: 'invalid.value', fieldName: 'appliesTo' },
        message: `appliesTo may only hold ${SCHEMA_TARGETS.join(' or ')} on a data schema; not ${badTargets.join(', ')}.`,
      })
    if (nameTaken)
      problems.unshift({
        detail: { errorCode: 'duplicate.value', fieldName: 'name' },
        message: `A schema named "${body.name}" already exists.`,
      })
    if (problems.length === 0) return false
    const message = problems.length === 1 ? problems[0].message : `${problems.length} problems: ${problems.map((p) => p.message).join(' ')}`
    sendGenesysError(reply, 400, 'bad.request', message, { details: problems.map((p) => p.detail) })
    return true
  }
}

function idOf(request: FastifyRequest): string {
  return (request.params as { schemaId: string }).schemaId
}

function asVersion(record: DataSchemaRecord): DataSchemaRecord {
  return { ...record, selfUri: `${SCHEMAS_PATH}/${record.id}/versions/${record.version}` }
}

function found(reply: FastifyReply, record: DataSchemaRecord | undefined) {
  return record ?? notFound(reply)
}

function notFound(reply: FastifyReply): FastifyReply {
  return sendGenesysStatus(reply, 404, 'The schema was not found.')
}
