import type { MethodInput } from '../../../shared/api'
import type { SchemaReview } from '../../../shared/contract/schemas'
import { readProposalFile } from './readProposalFile'
import { reviewAgainst } from './reviewAgainst'
import { changeFacts } from './schemaAudit'
import type { SchemaSession } from './schemaSession'

/** A proposal prepared elsewhere (a JSON file) becomes a review, exactly like one made in the editor. */
export async function importProposal(
  session: SchemaSession,
  { schemaId, baseVersion, path }: MethodInput<'schemas.importProposal'>,
): Promise<SchemaReview> {
  const proposed = await readProposalFile(path)
  const { review } = await reviewAgainst(session, schemaId, baseVersion, proposed)
  await session.record('schema.import', schemaId, 'ok', { baseVersion, proposedFields: proposed.length, ...changeFacts(review.changes) })
  return review
}
