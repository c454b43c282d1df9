import { join } from 'node:path'
import type { MethodInput } from '../../../shared/api'
import { buildTarget } from './buildTarget'
import { exportDirectory, fileSlug, writeNewFile } from './exportFiles'
import { toJsonSchema } from './fieldModel'
import { reviewAgainst } from './reviewAgainst'
import { reviewJson, reviewMarkdown } from './reviewReport'
import { changeFacts } from './schemaAudit'
import type { SchemaSession } from './schemaSession'

/** The review for approvers: JSON for tools and a Markdown report, side by side in one folder. */
export async function exportReview(
  session: SchemaSession,
  { schemaId, baseVersion, proposed, ticked, directory }: MethodInput<'schemas.exportReview'>,
  context: { dataDir: string; now: () => Date },
): Promise<{ jsonPath: string; reportPath: string }> {
  const { base, review } = await reviewAgainst(session, schemaId, baseVersion, proposed)
  const tickedSet = new Set(ticked)
  const target = buildTarget(review.base, proposed, review.changes, tickedSet)
  const generatedAt = context.now().toISOString()
  const { profile, org } = await session.scope()
  const meta = { generatedAt, profile, org, ticked: tickedSet, proposedJsonSchema: toJsonSchema(base.jsonSchema, target) }
  const dir = await exportDirectory(directory, context.dataDir)
  const stem = join(dir, `${fileSlug(review.schemaName)}-v${baseVersion}-review-${generatedAt.replace(/[:.]/g, '-')}`)
  const paths = { jsonPath: `${stem}.json`, reportPath: `${stem}.md` }
  await writeNewFile(paths.jsonPath, reviewJson(review, meta))
  await writeNewFile(paths.reportPath, reviewMarkdown(review, meta))
  await session.record('schema.review.export', schemaId, 'ok', { baseVersion, ticked: ticked.length, ...changeFacts(review.changes) })
  return paths
}
