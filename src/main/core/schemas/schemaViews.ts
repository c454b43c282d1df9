import type { SchemaSummary, SchemaVersionView, SchemaView } from '../../../shared/contract/schemas'
import type { DataSchema } from './dataSchema'
import { parseFields } from './fieldModel'

export function toSummary(schema: DataSchema): SchemaSummary {
  return {
    id: schema.id,
    name: schema.name,
    version: schema.version,
    enabled: schema.enabled ?? true,
    appliesTo: schema.appliesTo ?? [],
    fieldCount: Object.keys(schema.jsonSchema.properties ?? {}).length,
    ...(schema.dateCreated ? { dateCreated: schema.dateCreated } : {}),
  }
}

export function toView(schema: DataSchema): SchemaView {
  return {
    ...toSummary(schema),
    ...(schema.jsonSchema.description ? { description: schema.jsonSchema.description } : {}),
    ...(schema.createdBy?.name || schema.createdBy?.id ? { createdBy: schema.createdBy.name ?? schema.createdBy.id } : {}),
    fields: parseFields(schema.jsonSchema),
  }
}

export function toVersionView(schema: DataSchema): SchemaVersionView {
  return {
    version: schema.version,
    fieldCount: Object.keys(schema.jsonSchema.properties ?? {}).length,
    ...(schema.dateCreated ? { dateCreated: schema.dateCreated } : {}),
    ...(schema.createdBy?.id ? { createdBy: schema.createdBy.id } : {}),
    ...(schema.createdBy?.name ? { createdByName: schema.createdBy.name } : {}),
  }
}
