import { useEffect } from 'react'
import { AUDIT_OUTCOMES } from '../../../../shared/contract/audit'
import { Button } from '../../ui/Button'
import { Field } from '../../ui/Field'
import { isFiltering, useAuditWorkspace, type FilterDraft } from './auditWorkspace'
import { OUTCOME_LABEL } from './auditWords'
import { useFilterMenus } from './useAudit'

/** Typing pauses this long before the filter is applied. */
const DEBOUNCE_MS = 300

/** Time range, org, action, outcome and free text; applied as the admin types, once typing pauses. */
export function FilterBar() {
  const draft = useAuditWorkspace((s) => s.draft)
  const applied = useAuditWorkspace((s) => s.applied)
  const { editDraft, apply, clear } = useAuditWorkspace()
  const menus = useFilterMenus()

  useEffect(() => {
    if (draft === applied) return
    const timer = setTimeout(() => apply(draft), DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [draft, applied, apply])

  const set = (patch: Partial<FilterDraft>) => editDraft(patch)
  return (
    <form className="audit-filters" role="search" aria-label="Filter the audit log" onSubmit={(e) => (e.preventDefault(), apply(draft))}>
      <Field label="From">
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            step={1}
            className="input"
            value={draft.from}
            onChange={(e) => set({ from: e.target.value })}
          />
        )}
      </Field>
      <Field label="Until">
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            step={1}
            className="input"
            value={draft.to}
            onChange={(e) => set({ to: e.target.value })}
          />
        )}
      </Field>
      <Field label="Org">
        {(control) => (
          <select {...control} className="select" value={draft.org} onChange={(e) => set({ org: e.target.value })}>
            <option value="">Any org</option>
            {(menus.data?.orgs ?? []).filter(Boolean).map((org) => (
              <option key={org} value={org}>
                {org}
              </option>
            ))}
            {draft.org && !menus.data?.orgs.includes(draft.org) && <option value={draft.org}>{draft.org}</option>}
          </select>
        )}
      </Field>
      <Field label="Outcome">
        {(control) => (
          <select
            {...control}
            className="select"
            value={draft.outcome}
            onChange={(e) => set({ outcome: e.target.value as FilterDraft['outcome'] })}
          >
            <option value="">Any outcome</option>
            {AUDIT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABEL[o]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Action">
        {(control) => (
          <>
            <input
              {...control}
              className="input"
              list="audit-actions"
              placeholder="Any action"
              value={draft.action}
              onChange={(e) => set({ action: e.target.value })}
            />
            <datalist id="audit-actions">
              {(menus.data?.actions ?? []).map((action) => (
                <option key={action} value={action} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <div className="audit-filter-text">
        <Field label="Text">
          {(control) => (
            <input
              {...control}
              type="search"
              className="input"
              placeholder="Target, correlation id, detail…"
              value={draft.text}
              onChange={(e) => set({ text: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="audit-filter-actions">
        <Button small onClick={clear} disabled={!isFiltering(draft) && !isFiltering(applied)}>
          Clear filters
        </Button>
      </div>
    </form>
  )
}
