/**
 * GET .../schemas/limits (SchemaQuantityLimits). The field names are the SDK's; the values are the
 * sandbox's choice (the platform's real numbers are per org and not documented): read them, never assume.
 */
export interface SchemaQuantityLimits {
  minFieldNameCharacters: number
  maxFieldNameCharacters: number
  minFieldTitleCharacters: number
  maxFieldTitleCharacters: number
  minFieldDescriptionCharacters: number
  maxFieldDescriptionCharacters: number
  minSchemaNameCharacters: number
  maxSchemaNameCharacters: number
  minSchemaDescriptionCharacters: number
  maxSchemaDescriptionCharacters: number
  maxNumberOfSchemasPerOrg: number
  maxNumberOfFieldsPerSchema: number
  maxNumberOfFieldsPerOrg: number
}

export const SANDBOX_SCHEMA_LIMITS: SchemaQuantityLimits = {
  minFieldNameCharacters: 1,
  maxFieldNameCharacters: 100,
  minFieldTitleCharacters: 1,
  maxFieldTitleCharacters: 100,
  minFieldDescriptionCharacters: 0,
  maxFieldDescriptionCharacters: 500,
  minSchemaNameCharacters: 1,
  maxSchemaNameCharacters: 100,
  minSchemaDescriptionCharacters: 0,
  maxSchemaDescriptionCharacters: 500,
  maxNumberOfSchemasPerOrg: 20,
  maxNumberOfFieldsPerSchema: 125,
  maxNumberOfFieldsPerOrg: 400,
}
