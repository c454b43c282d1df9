import { AppError } from '../../../shared/errors'
import type { DataSchema, JsonSchemaDocument } from './dataSchema'
import type { SchemaApi } from './schemaApi'
import { sameValue } from './sameValue'

export type PutOutcome = { applied: true; schema: DataSchema } | { applied: false; error: AppError }

/**
 * A PUT that failed without a clear answer (cut connection, timeout, 5xx) may or may not have been
 * applied. Never guess and never re-send: read the schema and say which it was.
 */
export async function settleUncertainPut(
  api: SchemaApi,
  schemaId: string,
  baseVersion: number,
  sent: JsonSchemaDocument,
  failure: AppError,
): Promise<PutOutcome> {
  let now: DataSchema
  try {
    now = await api.get(schemaId)
  } catch {
    return {
      applied: false,
      error: withHint(
        failure,
        `The answer was lost and the schema could not be read back. Open its version history: if version ${baseVersion + 1} holds your change it was applied; otherwise review and apply again.`,
      ),
    }
  }
  if (now.version === baseVersion + 1 && sameValue(now.jsonSchema.properties, sent.properties)) return { applied: true, schema: now }
  if (now.version === baseVersion)
    return {
      applied: false,
      error: withHint(
        failure,
        `Nothing was changed: the schema is still at version ${baseVersion}. Apply again when Genesys Cloud answers.`,
      ),
    }
  return {
    applied: false,
    error: withHint(failure, `The schema is now at version ${now.version}, not what was sent. Review it again before applying.`),
  }
}

function withHint(error: AppError, hint: string): AppError {
  return new AppError({ ...error.toData(), hint })
}
