import type { SchemaVersionView } from '../../../../shared/contract/schemas'

/** Who saved a version: the user's name, or the id with a tooltip saying why there is no name. */
export function VersionAuthor({ version }: { version: SchemaVersionView }) {
  if (version.createdByName) return <span title={version.createdBy}>{version.createdByName}</span>
  if (!version.createdBy) return <span className="muted">—</span>
  return (
    <span className="author-unresolved" title={version.createdByNote}>
      <code>{version.createdBy}</code>
      {version.createdByNote && <span className="sr-only"> ({version.createdByNote})</span>}
    </span>
  )
}
