import { useEffect } from 'react'
import { AUDIT_OUTCOMES } from '../../../../shared/contract/audit'
import { Button } from '../../ui/Button'
import { Field } from '../../ui/Field'
import { hasTypedFilters, rangeProblem, useAuditWorkspace, type FilterDraft } from './auditWorkspace'
import { ViewSwitch } from './ViewSwitch'
import { OUTCOME_LABEL } from './auditWords'
import { useFilterMenus } from './useAudit'

/** Typing pauses this long before the filter is applied. */
const DEBOUNCE_MS = 300

export const ACTION_HELP =
  'Finds actions that start with it or have a word (between dots or underscores) that starts with it: “upload” finds recording.upload.refused.'

/**
 * Workflow steps or all entries; time range, org, action, outcome and free text, applied as the admin
 * types, once typing pauses. A time range that ends before it starts is named, not asked for.
 */
export function FilterBar() {
  const draft = useAuditWorkspace((s) => s.draft)
  const applied = useAuditWorkspace((s) => s.applied)
  const { editDraft, apply, clear } = useAuditWorkspace()
  const menus = useFilterMenus()
  const problem = rangeProblem(draft)

  useEffect(() => {
    if (draft === applied || problem) return
    const timer = setTimeout(() => apply(draft), DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [draft, applied, apply, problem])

  const set = (patch: Partial<FilterDraft>) => editDraft(patch)
  return (
    <form
      className="audit-filters"
      role="search"
      aria-label="Filter the audit log"
      onSubmit={(e) => {
        e.preventDefault()
        if (!problem) apply(draft)
      }}
    >
      <div className="audit-filter-top">
        <ViewSwitch />
        <Button small onClick={clear} disabled={!hasTypedFilters(draft) && !hasTypedFilters(applied)}>
          Clear filters
        </Button>
      </div>
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
      <Field label="Until" error={problem}>
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
      <div className="audit-filter-wide">
        <Field label="Action" hint={ACTION_HELP}>
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
      </div>
      <div className="audit-filter-wide">
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
    </form>
  )
}
