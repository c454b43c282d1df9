import type { FieldDef } from '../../../shared/contract/schemas'
import { parseFields } from './fieldModel'
import type { SchemaSession } from './schemaSession'

/** The review of a proposal against the exact version it was made from (read from the versions endpoint). */
export async function reviewAgainst(session: SchemaSession, schemaId: string, baseVersion: number, proposed: FieldDef[]) {
  const base = await session.api.version(schemaId, baseVersion)
  return { base, review: await session.review(base, parseFields(base.jsonSchema), proposed) }
}
