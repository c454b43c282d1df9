import { useState } from 'react'
import type { FieldDef } from '../../../../shared/contract/schemas'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { AddFieldForm } from './AddFieldForm'
import { replaceField } from './draft'
import { FieldEditor } from './FieldEditor'
import { fieldSummary } from './fieldSummary'
import { ImportProposalButton } from './ImportProposalButton'
import { useSchemaWorkspace } from './schemaWorkspace'
import { useImportProposal, useReviewProposal } from './useSchemas'

interface ProposalEditorProps {
  schemaId: string
  schemaName: string
  base: FieldDef[]
}

/** The proposal: the fields as they would be, edited one at a time; nothing is sent until Review. */
export function ProposalEditor({ schemaId, schemaName, base }: ProposalEditorProps) {
  const draft = useSchemaWorkspace((s) => s.draft)!
  const setFields = useSchemaWorkspace((s) => s.setDraftFields)
  const setReview = useSchemaWorkspace((s) => s.setReview)
  const discard = useSchemaWorkspace((s) => s.discard)
  const review = useReviewProposal()
  const importing = useImportProposal()
  const [editing, setEditing] = useState<string>()
  const fields = draft.fields
  const removed = base.filter((b) => !fields.some((f) => f.name === b.name))

  const runReview = () => review.mutate({ schemaId, baseVersion: draft.baseVersion, proposed: fields }, { onSuccess: setReview })
  return (
    <Card
      title={`Propose changes to ${schemaName}`}
      actions={
        <>
          <ImportProposalButton
            busy={importing.isPending}
            onPick={(file) => importing.mutate({ file, schemaId, baseVersion: draft.baseVersion }, { onSuccess: setReview })}
          />
          <Button onClick={discard}>Discard proposal</Button>
          <Button variant="primary" onClick={runReview} busy={review.isPending}>
            Review changes
          </Button>
        </>
      }
    >
      <p className="muted">
        Relative to version {draft.baseVersion}. Edit fields, add or remove them, then review: nothing is sent to Genesys Cloud before you
        tick and apply.
      </p>
      {review.isError && <ErrorPanel error={review.error} title="Could not review the proposal" />}
      {importing.isError && <ErrorPanel error={importing.error} title="Could not import the proposed schema" />}
      <ul className="draft-list" aria-label="Proposed fields">
        {fields.map((field) => {
          const state = stateOf(field, base)
          const open = editing === field.key
          const label = field.title || field.name
          return (
            <li key={field.key} className={`draft-row draft-${state}`}>
              <div className="draft-head">
                <div className="draft-main">
                  <span className="draft-label">{label}</span> <code className="muted">{field.key}</code>
                  {state !== 'same' && <span className="draft-state">{state === 'new' ? 'New' : 'Edited'}</span>}
                  <p className="muted draft-summary">{fieldSummary(field)}</p>
                </div>
                <Button
                  small
                  aria-expanded={open}
                  onClick={() => setEditing(open ? undefined : field.key)}
                  aria-label={`${open ? 'Close' : 'Edit'} ${label}`}
                >
                  {open ? 'Close' : 'Edit'}
                </Button>
              </div>
              {open && (
                <FieldEditor
                  field={field}
                  onChange={(next) => {
                    setFields(replaceField(fields, field.key, next))
                    if (next.key !== field.key) setEditing(next.key)
                  }}
                  onRemove={() => setFields(replaceField(fields, field.key, undefined))}
                />
              )}
            </li>
          )
        })}
      </ul>
      {removed.length > 0 && (
        <div className="removed-list">
          <h3 className="sub-title">Removed in this proposal</h3>
          <ul aria-label="Removed fields">
            {removed.map((field) => (
              <li key={field.key}>
                <span>{field.title || field.name}</span> <code className="muted">{field.key}</code>{' '}
                <Button
                  small
                  variant="ghost"
                  onClick={() => setFields(restore(fields, base, field))}
                  aria-label={`Restore ${field.title || field.name}`}
                >
                  Restore
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3 className="sub-title">Add a field</h3>
      <AddFieldForm fields={fields} onAdd={(field) => setFields([...fields, field])} />
    </Card>
  )
}

function stateOf(field: FieldDef, base: FieldDef[]): 'new' | 'edited' | 'same' {
  const before = base.find((b) => b.key === field.key) ?? base.find((b) => b.name === field.name)
  if (!before) return 'new'
  return JSON.stringify(before) === JSON.stringify(field) ? 'same' : 'edited'
}

/** Back at its place in the base order. */
function restore(fields: FieldDef[], base: FieldDef[], field: FieldDef): FieldDef[] {
  const baseIndex = base.indexOf(field)
  const after = base.slice(baseIndex + 1).map((f) => f.key)
  const position = fields.findIndex((f) => after.includes(f.key))
  return position < 0 ? [...fields, field] : [...fields.slice(0, position), field, ...fields.slice(position)]
}
