import { useAuditWorkspace } from './auditWorkspace'

/** One click between workflow steps and every entry: polling's API calls otherwise drown the steps. */
export function ViewSwitch() {
  const hideApiCalls = useAuditWorkspace((s) => s.draft.hideApiCalls)
  const showApiCalls = useAuditWorkspace((s) => s.showApiCalls)
  return (
    <fieldset className="audit-view-switch">
      <legend className="audit-view-legend">Show</legend>
      <label className={`audit-view-option${hideApiCalls ? ' is-on' : ''}`}>
        <input type="radio" name="audit-view" checked={hideApiCalls} onChange={() => showApiCalls(false)} />
        Workflow steps
      </label>
      <label className={`audit-view-option${hideApiCalls ? '' : ' is-on'}`}>
        <input type="radio" name="audit-view" checked={!hideApiCalls} onChange={() => showApiCalls(true)} />
        All entries
      </label>
    </fieldset>
  )
}
