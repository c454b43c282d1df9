import { useState, type FormEvent } from 'react'
import { FLOW_TYPES, type FlowTypeFilter } from '../../../../shared/contract/flows'
import { Button } from '../../ui/Button'
import { Field } from '../../ui/Field'
import { flowTypeText } from './flowWords'
import { DEFAULT_FILTERS, useFlowsWorkspace, type FlowFilters, type PublishState } from './flowsWorkspace'

const PUBLISH_STATES: { id: PublishState; label: string }[] = [
  { id: 'any', label: 'Any' },
  { id: 'published', label: 'Published' },
  { id: 'unpublished', label: 'Never published' },
]

/** Every type the platform filters by, in words, sorted as people read them. */
const TYPE_OPTIONS = [...FLOW_TYPES].sort((a, b) => flowTypeText(a).localeCompare(flowTypeText(b)))

/** Which flows to list: by type, part of the name, and whether they were ever published. */
export function FlowFilterForm() {
  const applied = useFlowsWorkspace((s) => s.filters)
  const apply = useFlowsWorkspace((s) => s.applyFilters)
  const [draft, setDraft] = useState<FlowFilters>(applied)
  const set = (patch: Partial<FlowFilters>) => setDraft((d) => ({ ...d, ...patch }))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    apply({ ...draft, name: draft.name.trim() })
  }
  const changed = draft.type !== DEFAULT_FILTERS.type || draft.name !== '' || draft.publishState !== DEFAULT_FILTERS.publishState

  return (
    <form className="flows-filters" onSubmit={submit} noValidate aria-label="Find flows">
      <Field label="Type">
        {(control) => (
          <select
            {...control}
            className="select"
            value={draft.type}
            onChange={(e) => set({ type: e.target.value as FlowTypeFilter | 'all' })}
          >
            <option value="all">All types</option>
            {TYPE_OPTIONS.map((type) => (
              <option key={type} value={type}>
                {flowTypeText(type)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Name contains">
        {(control) => (
          <input
            {...control}
            className="input"
            value={draft.name}
            maxLength={200}
            onChange={(e) => set({ name: e.target.value })}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <Field label="Publish state">
        {(control) => (
          <select
            {...control}
            className="select"
            value={draft.publishState}
            onChange={(e) => set({ publishState: e.target.value as PublishState })}
          >
            {PUBLISH_STATES.map((state) => (
              <option key={state.id} value={state.id}>
                {state.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="flows-filter-actions">
        <Button type="submit" variant="primary">
          Show flows
        </Button>
        <Button
          variant="ghost"
          disabled={!changed}
          onClick={() => {
            setDraft(DEFAULT_FILTERS)
            apply(DEFAULT_FILTERS)
          }}
        >
          Reset
        </Button>
      </div>
    </form>
  )
}
