import { createHash } from 'node:crypto'

/** Names the key's recipe; a receiver that recomputes the key starts its text with this line. */
export const DELIVERY_KEY_RECIPE = 'switchboard.flow-archive-delivery/1'

/**
 * The Idempotency-Key of a copy: SHA-256 (hex) of the recipe line, the flow id, then one line
 * "<versionId> <sha256>" per version sorted by version id (code unit order), joined with "\n". It depends
 * only on what is sent, never on time or chance, so every retry of the same content (after a restart too)
 * carries the same key, and a receiver can recompute it from the copy's own delivery part.
 */
export function deliveryIdempotencyKey(flowId: string, versions: readonly { id: string; sha256: string }[]): string {
  const lines = [...new Map(versions.map((v) => [v.id, `${v.id} ${v.sha256}`])).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, line]) => line)
  return createHash('sha256')
    .update([DELIVERY_KEY_RECIPE, flowId, ...lines].join('\n'), 'utf8')
    .digest('hex')
}
