import { z } from 'zod'

/** JsonSchemaDocument: the fields live in `properties`; everything else is kept as it came. */
export const JsonSchemaDocument = z.looseObject({
  $schema: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
  required: z.array(z.string()).optional(),
})
export type JsonSchemaDocument = z.infer<typeof JsonSchemaDocument>

const EntityRef = z.looseObject({ id: z.string().optional(), name: z.string().optional(), selfUri: z.string().optional() })

/** DataSchema as GET .../externalcontacts/contacts/schemas/{id} returns it (the SDK's model). */
export const DataSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  version: z.number().int().min(1),
  appliesTo: z.array(z.string()).optional(),
  enabled: z.boolean().optional(),
  createdBy: EntityRef.optional(),
  dateCreated: z.string().optional(),
  jsonSchema: JsonSchemaDocument,
  selfUri: z.string().optional(),
})
export type DataSchema = z.infer<typeof DataSchema>

export const DataSchemaListing = z.looseObject({
  total: z.number().int().optional(),
  entities: z.array(DataSchema),
  selfUri: z.string().optional(),
})

const OptionalCount = z.number().int().min(0).optional()

/** SchemaQuantityLimits (GET .../schemas/limits); every field optional, as in the SDK. */
export const SchemaQuantityLimits = z.looseObject({
  minFieldNameCharacters: OptionalCount,
  maxFieldNameCharacters: OptionalCount,
  minFieldTitleCharacters: OptionalCount,
  maxFieldTitleCharacters: OptionalCount,
  minFieldDescriptionCharacters: OptionalCount,
  maxFieldDescriptionCharacters: OptionalCount,
  minSchemaNameCharacters: OptionalCount,
  maxSchemaNameCharacters: OptionalCount,
  minSchemaDescriptionCharacters: OptionalCount,
  maxSchemaDescriptionCharacters: OptionalCount,
  maxNumberOfSchemasPerOrg: OptionalCount,
  maxNumberOfFieldsPerSchema: OptionalCount,
  maxNumberOfFieldsPerOrg: OptionalCount,
})
