import { useState } from 'react'
import { BULK_ACTIONS, type BulkAction } from '../../../../../shared/contract/recordings'
import { Button } from '../../../ui/Button'
import { Card } from '../../../ui/Card'
import { ErrorPanel } from '../../../ui/ErrorPanel'
import { Field } from '../../../ui/Field'
import { draftToInput, emptyDraft, type BulkDraft, type BulkDraftErrors } from './bulkDraft'
import { ACTION_WORDS } from './bulkWords'
import { useCreateBulkJob, useQueueOptions, useS3Integrations } from './useBulkJobs'

const ACTION_EXPLAIN: Record<BulkAction, string> = {
  EXPORT: "Genesys Cloud copies the recordings to the org's S3 bucket.",
  ARCHIVE: 'Genesys Cloud moves the recordings to archive storage (slower to play back).',
  DELETE: 'Genesys Cloud deletes the recordings for good. Executing needs a typed confirmation.',
}

/** A new bulk job: the action, the conversations (range, queues), where an export goes and when the action happens. */
export function BulkJobForm() {
  const [draft, setDraft] = useState<BulkDraft>(() => emptyDraft(Date.now()))
  const [errors, setErrors] = useState<BulkDraftErrors>({})
  const create = useCreateBulkJob()
  const queues = useQueueOptions()
  const integrations = useS3Integrations(draft.action === 'EXPORT')
  const change = (patch: Partial<BulkDraft>) => setDraft((d) => ({ ...d, ...patch }))

  const submit = () => {
    const { input, errors: found } = draftToInput(draft, Date.now())
    setErrors(found)
    if (input) create.mutate(input)
  }

  return (
    <Card title="New bulk job" className="bulk-form">
      <fieldset className="radio-group bulk-actions">
        <legend className="field-label">Action</legend>
        {BULK_ACTIONS.map((action) => (
          <label key={action} className="bulk-action">
            <input type="radio" name="bulk-action" value={action} checked={draft.action === action} onChange={() => change({ action })} />
            <span>{ACTION_WORDS[action]}</span>
            <span className="muted">{ACTION_EXPLAIN[action]}</span>
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        <Field label="Conversations from" error={errors.from}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="datetime-local"
              value={draft.from}
              onChange={(e) => change({ from: e.target.value })}
            />
          )}
        </Field>
        <Field label="Conversations to" error={errors.to}>
          {(control) => (
            <input {...control} className="input" type="datetime-local" value={draft.to} onChange={(e) => change({ to: e.target.value })} />
          )}
        </Field>
        {queues.isSuccess && queues.data.length > 0 ? (
          <Field label="Queues" hint="None chosen: every queue.">
            {(control) => (
              <select
                {...control}
                className="select bulk-queues"
                multiple
                value={draft.queueIds}
                onChange={(e) => change({ queueIds: [...e.target.selectedOptions].map((o) => o.value) })}
              >
                {queues.data.map((queue) => (
                  <option key={queue.id} value={queue.id}>
                    {queue.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <p className="muted bulk-no-queues">
            {queues.isPending ? 'Reading queues…' : 'No queue filter: the queues could not be read. The job covers every queue.'}
          </p>
        )}
        {draft.action === 'EXPORT' && (
          <Field
            label="S3 integration"
            error={errors.integrationId}
            hint={
              integrations.isSuccess && integrations.data.length === 0
                ? 'This org has no AWS S3 recording bulk actions integration; an admin adds one under Integrations.'
                : undefined
            }
          >
            {(control) => (
              <select
                {...control}
                className="select"
                value={draft.integrationId}
                onChange={(e) => change({ integrationId: e.target.value })}
              >
                <option value="">{integrations.isPending ? 'Reading integrations…' : 'Choose…'}</option>
                {(integrations.data ?? []).map((integration) => (
                  <option key={integration.id} value={integration.id}>
                    {integration.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Action date" hint="When Genesys Cloud acts on each recording; empty: now." error={errors.actionDate}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="datetime-local"
              value={draft.actionDate}
              onChange={(e) => change({ actionDate: e.target.value })}
            />
          )}
        </Field>
        <label className="check bulk-screen">
          <input
            type="checkbox"
            checked={draft.includeScreenRecordings}
            onChange={(e) => change({ includeScreenRecordings: e.target.checked })}
          />
          Include screen recordings
        </label>
      </div>
      {integrations.isError && draft.action === 'EXPORT' && (
        <ErrorPanel error={integrations.error} title="The S3 integrations could not be read" />
      )}
      {create.isError && <ErrorPanel error={create.error} title="The job was not created" />}
      <div className="form-actions">
        <Button variant="primary" onClick={submit} busy={create.isPending}>
          Create job
        </Button>
        <span className="muted">Genesys Cloud counts the recordings first; nothing happens until you execute the job.</span>
      </div>
    </Card>
  )
}
