import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { FieldsTable } from './FieldsTable'
import { ImportProposalButton } from './ImportProposalButton'
import { ProposalEditor } from './ProposalEditor'
import { ReviewPanel } from './ReviewPanel'
import { useSchemaWorkspace } from './schemaWorkspace'
import { useImportProposal, useSchema } from './useSchemas'
import { VersionHistory } from './VersionHistory'

/** One open schema: its fields, the proposal editor, the review, and its history. */
export function SchemaDetail({ schemaId }: { schemaId: string }) {
  const schema = useSchema(schemaId)
  const ws = useSchemaWorkspace()
  const importing = useImportProposal()
  if (schema.isPending) return <p className="muted">Loading the schema…</p>
  if (schema.isError) return <ErrorPanel error={schema.error} title="Could not load the schema" />
  const s = schema.data
  const base = ws.review?.base ?? s.fields
  const proposing = ws.draft !== undefined
  return (
    <>
      {ws.message && (
        <div aria-live="polite">
          <Banner level="success" title={ws.message} />
        </div>
      )}
      <Card
        title={`${s.name} · version ${s.version}`}
        actions={
          <>
            <Button
              aria-pressed={ws.panel === 'history'}
              onClick={() => ws.show(ws.panel === 'history' ? (proposing ? 'edit' : 'fields') : 'history')}
            >
              {ws.panel === 'history' ? 'Hide version history' : 'Version history'}
            </Button>
            {!proposing && (
              <>
                <ImportProposalButton
                  busy={importing.isPending}
                  onPick={(file) => importing.mutate({ file, schemaId, baseVersion: s.version }, { onSuccess: ws.setReview })}
                />
                <Button variant="primary" onClick={() => ws.startDraft(s.version, structuredClone(s.fields))}>
                  Propose changes
                </Button>
              </>
            )}
          </>
        }
      >
        <p className="muted">
          {s.fields.length} fields · applies to {s.appliesTo.join(', ') || '—'} · {s.enabled ? 'enabled' : 'disabled'}
          {s.description ? ` · ${s.description}` : ''}
        </p>
        {importing.isError && <ErrorPanel error={importing.error} title="Could not import the proposed schema" />}
        {ws.panel === 'fields' && <FieldsTable fields={s.fields} caption={`Fields of ${s.name}`} />}
      </Card>
      {ws.panel === 'history' && <VersionHistory schemaId={schemaId} />}
      {ws.panel === 'edit' && ws.draft && <ProposalEditor schemaId={schemaId} schemaName={s.name} base={base} />}
      {ws.panel === 'review' && ws.review && <ReviewPanel schemaId={schemaId} />}
    </>
  )
}
