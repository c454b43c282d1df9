import type { Classification, FieldDef, RebaseInfo, SchemaLimits, SchemaReview } from '../../../shared/contract/schemas'
import { diffSchemas } from './diffSchemas'
import { checkLimits } from './limits'

export interface ReviewParts {
  schemaId: string
  schemaName: string
  baseVersion: number
  base: FieldDef[]
  proposed: FieldDef[]
  /** Omitted when comparing two stored versions: nothing is being proposed. */
  limits?: SchemaLimits
  fieldsElsewhere?: number
  rebase?: RebaseInfo
}

/** The review an admin ticks from: every change classified, and what the limits refuse. */
export function buildReview(parts: ReviewParts): SchemaReview {
  const changes = diffSchemas(parts.base, parts.proposed)
  const counts: Record<Classification, number> = { safe: 0, 'data-dependent': 0, destructive: 0 }
  for (const change of changes) counts[change.classification]++
  const limitViolations = parts.limits
    ? checkLimits(parts.proposed, parts.limits, {
        fieldsElsewhere: parts.fieldsElsewhere,
        existingKeys: new Set(parts.base.map((f) => f.key)),
      })
    : []
  return {
    schemaId: parts.schemaId,
    schemaName: parts.schemaName,
    baseVersion: parts.baseVersion,
    base: parts.base,
    proposed: parts.proposed,
    changes,
    limitViolations,
    counts,
    ...(parts.rebase ? { rebase: parts.rebase } : {}),
  }
}
