import type { ReactNode } from 'react'
import { Field } from '../../ui/Field'
import type { DraftErrors, RequestDraft } from './requestDraft'

interface IdentifierFieldsProps {
  draft: RequestDraft
  errors: DraftErrors
  onChange: (change: Partial<RequestDraft>) => void
}

/** The subject's identifiers: ids from the match (fixed), name and lists the admin may complete. */
export function IdentifierFields({ draft, errors, onChange }: IdentifierFieldsProps) {
  const b = draft.base
  const fixed: [string, string][] = [
    ...(b.userId ? [['User id', b.userId] as [string, string]] : []),
    ...(b.externalContactId ? [['External contact id', b.externalContactId] as [string, string]] : []),
    ...(b.dialerContactId
      ? [['Dialer contact', `${b.dialerContactId.id} (list ${b.dialerContactId.contactListId})`] as [string, string]]
      : []),
    ...(b.journeyCustomer ? [['Journey customer', `${b.journeyCustomer.type}: ${b.journeyCustomer.id}`] as [string, string]] : []),
    ...(b.socialHandle ? [[`Social handle (${b.socialHandle.type})`, b.socialHandle.value] as [string, string]] : []),
    ...(b.externalId ? [['External id', b.externalId] as [string, string]] : []),
  ]
  return (
    <div className="privacy-identifiers">
      <h3 className="privacy-subhead">Identifiers</h3>
      {fixed.length > 0 && (
        <dl className="facts privacy-fixed-ids">
          {fixed.map(([term, value]) => (
            <div key={term} className="fact">
              <dt>{term}</dt>
              <dd>
                <code>{value}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="field-error privacy-subject-error" role={errors.subject ? 'alert' : undefined}>
        {errors.subject}
      </p>
      <div className="form-grid">
        <Field label="Name" hint="Not an identifier on its own.">
          {(control) => (
            <input
              {...control}
              className="input"
              value={draft.name}
              onChange={(e) => onChange({ name: e.target.value })}
              autoComplete="off"
            />
          )}
        </Field>
        <ListField
          label="Phone numbers"
          hint="One per line, in E.164 form: +442079460123."
          error={errors.phones}
          value={draft.phones}
          onChange={(phones) => onChange({ phones })}
        />
        <ListField
          label="Email addresses"
          hint="One per line."
          error={errors.emails}
          value={draft.emails}
          onChange={(emails) => onChange({ emails })}
        />
        <ListField
          label="Addresses"
          hint="One per line."
          error={errors.addresses}
          value={draft.addresses}
          onChange={(addresses) => onChange({ addresses })}
        />
      </div>
    </div>
  )
}

function ListField({
  label,
  hint,
  error,
  value,
  onChange,
}: {
  label: string
  hint: ReactNode
  error?: string
  value: string
  onChange: (value: string) => void
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <textarea
          {...control}
          className="input privacy-lines"
          rows={3}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
        />
      )}
    </Field>
  )
}
