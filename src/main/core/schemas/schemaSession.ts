import type { AuditOutcome } from '../../../shared/api'
import type { FieldDef, SchemaLimits, SchemaReview } from '../../../shared/contract/schemas'
import type { AuditScope } from '../audit'
import { getUser, type GenesysUser } from '../genesys'
import type { WorkflowServices } from '../workflow'
import { buildReview } from './buildReview'
import type { DataSchema } from './dataSchema'
import { schemaApi, type SchemaApi } from './schemaApi'
import { schemaTarget } from './schemaAudit'
import type { SchemaCache } from './schemaCache'

type Detail = Record<string, string | number | boolean | null>

/** One request's view of the active org: its schema API, limits read once, audit and events. */
export interface SchemaSession {
  api: SchemaApi
  profileId: string
  /** The directory, for the names behind createdBy ids. */
  users: { get(userId: string): Promise<GenesysUser> }
  /** Profile and org names for audit entries and exported reviews. */
  scope(): Promise<AuditScope>
  limits(): Promise<SchemaLimits>
  fieldsElsewhere(schemaId: string): Promise<number>
  review(schema: DataSchema, baseFields: FieldDef[], proposed: FieldDef[]): Promise<SchemaReview>
  /** Resolves once the entry is appended (after the org's name is known). */
  record(action: string, schemaId: string, outcome: AuditOutcome, detail: Detail, latencyMs?: number, correlationId?: string): Promise<void>
  /** A change was applied: the app event for the outside, the signal for screens. */
  updated(change: { schemaId: string; fromVersion: number; toVersion: number; fields: string[] }): Promise<void>
}

export function openSchemaSession(services: WorkflowServices, cache: SchemaCache): SchemaSession {
  const profileId = services.profiles.activeId()
  const { client, profile } = services.connections.clientFor(profileId)
  const org = `${profile.apiBase}\n${profile.clientId}`
  const raw = schemaApi(client)
  const api: SchemaApi = {
    ...raw,
    version: (schemaId, version) => cache.version(org, schemaId, version, () => raw.version(schemaId, version)),
  }
  let all: Promise<DataSchema[]> | undefined
  const session: SchemaSession = {
    api,
    profileId,
    users: { get: async (userId) => (await getUser(client, userId)).data },
    scope: () => services.scope(profileId),
    limits: () => cache.orgLimits(org, api.limits),
    fieldsElsewhere: async (schemaId) =>
      (await (all ??= api.list()))
        .filter((s) => s.id !== schemaId)
        .reduce((sum, s) => sum + Object.keys(s.jsonSchema.properties ?? {}).length, 0),
    review: async (schema, baseFields, proposed) =>
      buildReview({
        schemaId: schema.id,
        schemaName: schema.name,
        baseVersion: schema.version,
        base: baseFields,
        proposed,
        limits: await session.limits(),
        fieldsElsewhere: await session.fieldsElsewhere(schema.id),
      }),
    record: async (action, schemaId, outcome, detail, latencyMs, correlationId) => {
      services.audit.append({
        ...(await services.scope(profileId)),
        action,
        target: schemaTarget(schemaId),
        outcome,
        ...(latencyMs !== undefined ? { latencyMs } : {}),
        ...(correlationId ? { correlationId } : {}),
        detail,
      })
    },
    updated: async (change) => {
      services.appEvents.emit('schema.updated', { profileId: profile.id, ...change }, await services.scope(profileId))
      services.events.emit('schema.changed', { schemaId: change.schemaId, version: change.toVersion })
    },
  }
  return session
}
