import { randomUUID } from 'node:crypto'
import { seedSchemas, type SeedSchema } from './schemaSeeds'

export const SCHEMAS_PATH = '/api/v2/externalcontacts/contacts/schemas'
const JSON_SCHEMA_DRAFT = 'http://json-schema.org/draft-04/schema#'

type Json = Record<string, unknown>

/** One version of a schema, exactly as GET returns it (DataSchema). Versions are never changed. */
export interface DataSchemaRecord {
  id: string
  name: string
  version: number
  appliesTo: string[]
  enabled: boolean
  jsonSchema: Json
  createdBy: { id: string; selfUri: string }
  dateCreated: string
  selfUri: string
}

export interface SchemaWrite {
  name: string
  appliesTo?: string[]
  enabled?: boolean
  jsonSchema: Json
}

/** The org's External Contacts schemas with every version kept, as the versions endpoints need. */
export class SchemaStore {
  private readonly schemas = new Map<string, DataSchemaRecord[]>()

  constructor(private readonly now: () => number) {
    for (const seed of seedSchemas()) this.schemas.set(seed.id, recordsOf(seed))
  }

  list(): DataSchemaRecord[] {
    return [...this.schemas.values()].map((versions) => versions[versions.length - 1])
  }

  latest(id: string): DataSchemaRecord | undefined {
    return this.schemas.get(id)?.at(-1)
  }

  versions(id: string): DataSchemaRecord[] | undefined {
    return this.schemas.get(id)
  }

  version(id: string, version: number): DataSchemaRecord | undefined {
    return this.schemas.get(id)?.find((record) => record.version === version)
  }

  /** Fields in every schema but `exceptId`, for the per-org field limit. */
  fieldCountExcept(exceptId?: string): number {
    return this.list()
      .filter((record) => record.id !== exceptId)
      .reduce((sum, record) => sum + Object.keys((record.jsonSchema.properties ?? {}) as Json).length, 0)
  }

  create(write: SchemaWrite, userId: string): DataSchemaRecord {
    const id = randomUUID()
    const record = this.record(id, 1, write, userId)
    this.schemas.set(id, [record])
    return record
  }

  /** The caller has checked the version; this appends version + 1. */
  update(id: string, write: SchemaWrite, userId: string): DataSchemaRecord {
    const versions = this.schemas.get(id)!
    const current = versions[versions.length - 1]
    const record = this.record(id, current.version + 1, { appliesTo: current.appliesTo, enabled: current.enabled, ...write }, userId)
    versions.push(record)
    return record
  }

  remove(id: string): boolean {
    return this.schemas.delete(id)
  }

  private record(id: string, version: number, write: SchemaWrite, userId: string): DataSchemaRecord {
    return {
      id,
      name: write.name,
      version,
      appliesTo: write.appliesTo ?? ['CONTACT'],
      enabled: write.enabled ?? true,
      jsonSchema: normaliseDocument(write.jsonSchema, write.name),
      createdBy: userRef(userId),
      dateCreated: new Date(this.now()).toISOString(),
      selfUri: `${SCHEMAS_PATH}/${id}`,
    }
  }
}

function normaliseDocument(doc: Json, name: string): Json {
  const { $schema, title, description, properties, required, ...rest } = doc
  return {
    $schema: $schema ?? JSON_SCHEMA_DRAFT,
    title: title ?? name,
    ...(description !== undefined ? { description } : {}),
    ...rest,
    properties: structuredClone(properties ?? {}),
    required: [...((required as string[] | undefined) ?? [])],
  }
}

function recordsOf(seed: SeedSchema): DataSchemaRecord[] {
  return seed.versions.map((version, index) => ({
    id: seed.id,
    name: seed.name,
    version: index + 1,
    appliesTo: ['CONTACT'],
    enabled: true,
    jsonSchema: {
      $schema: JSON_SCHEMA_DRAFT,
      title: seed.name,
      description: seed.description,
      properties: Object.fromEntries(version.fields.map(([key, property]) => [key, structuredClone(property)])),
      required: [...version.required],
    },
    createdBy: userRef(version.createdBy),
    dateCreated: version.dateCreated,
    selfUri: `${SCHEMAS_PATH}/${seed.id}`,
  }))
}

function userRef(id: string): { id: string; selfUri: string } {
  return { id, selfUri: `/api/v2/users/${id}` }
}
