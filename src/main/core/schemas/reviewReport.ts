import type { FieldChange, SchemaReview } from '../../../shared/contract/schemas'
import type { JsonSchemaDocument } from './dataSchema'

export interface ReportMeta {
  generatedAt: string
  profile: string
  org: string
  ticked: ReadonlySet<string>
  /** The document Apply would send with the ticked changes. */
  proposedJsonSchema: JsonSchemaDocument
}

const CLASS_WORDS = { safe: 'Safe', 'data-dependent': 'Data-dependent', destructive: 'Destructive' } as const

/** The review as approvers read it: a Markdown report. Values of contacts never appear; only the schema. */
export function reviewMarkdown(review: SchemaReview, meta: ReportMeta): string {
  const tickedCount = review.changes.filter((c) => meta.ticked.has(c.id)).length
  const lines = [
    `# Schema change review: ${text(review.schemaName)}`,
    '',
    `- Schema id: \`${review.schemaId}\``,
    `- Relative to version: ${review.baseVersion}`,
    `- Org: ${text(meta.org || 'unknown')} (profile ${text(meta.profile)})`,
    `- Generated: ${meta.generatedAt}`,
    `- Changes: ${review.changes.length} (${review.counts.safe} safe, ${review.counts['data-dependent']} data-dependent, ${review.counts.destructive} destructive); ${tickedCount} ticked to apply`,
    '',
    '## Changes',
    '',
    '| Apply | Field | Change | Classification | Why |',
    '| --- | --- | --- | --- | --- |',
    ...review.changes.map(
      (c) =>
        `| ${meta.ticked.has(c.id) ? 'yes' : 'no'} | ${cell(c.name)} | ${c.kind} | ${CLASS_WORDS[c.classification]} | ${cell(c.reason)} |`,
    ),
    '',
    ...review.changes.flatMap(changeDetail),
    ...violations(review),
    ...rebaseSection(review),
    '## Proposed jsonSchema (ticked changes only)',
    '',
    '```json',
    JSON.stringify(meta.proposedJsonSchema, null, 2),
    '```',
    '',
  ]
  return lines.join('\n')
}

/** The same review as data, for tools: the review, what is ticked, and the document Apply would send. */
export function reviewJson(review: SchemaReview, meta: ReportMeta): string {
  const body = {
    kind: 'switchboard.schemaReview',
    formatVersion: 1,
    generatedAt: meta.generatedAt,
    profile: meta.profile,
    org: meta.org,
    ticked: review.changes.filter((c) => meta.ticked.has(c.id)).map((c) => c.id),
    review,
    proposedJsonSchema: meta.proposedJsonSchema,
  }
  return `${JSON.stringify(body, null, 2)}\n`
}

function changeDetail(change: FieldChange): string[] {
  return [
    `### ${text(change.name)} — ${change.kind}, ${CLASS_WORDS[change.classification].toLowerCase()}`,
    '',
    ...change.attributes.map((a) => {
      const fromTo = a.from !== undefined || a.to !== undefined ? `: ${a.from ?? '—'} → ${a.to ?? '—'}` : ''
      return `- **${text(a.attribute)}** (${a.kind}${text(fromTo)}) — ${CLASS_WORDS[a.classification]}: ${text(a.reason)}`
    }),
    '',
  ]
}

function violations(review: SchemaReview): string[] {
  if (review.limitViolations.length === 0) return ['## Limits', '', 'Every limit is respected.', '']
  return ['## Limit violations', '', ...review.limitViolations.map((v) => `- ${text(v.message)}`), '']
}

function rebaseSection(review: SchemaReview): string[] {
  const rebase = review.rebase
  if (!rebase) return []
  return [
    '## Rebased after a concurrent change',
    '',
    `Read version ${rebase.baseVersion}; the server had version ${rebase.theirVersion}. Their changes are kept: ${rebase.theirChanges.map((c) => `${text(c.name)} (${c.kind})`).join(', ') || 'none'}.`,
    '',
    ...rebase.conflicts.map((c) => `- Conflict on **${text(c.name)}**: ${text(c.reason)}`),
    '',
  ]
}

/** Markdown is plain text here: neutralise what could turn into markup or an HTML tag. */
function text(value: string): string {
  return value.replace(/[<>]/g, (ch) => (ch === '<' ? '&lt;' : '&gt;'))
}

function cell(value: string): string {
  return text(value).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
