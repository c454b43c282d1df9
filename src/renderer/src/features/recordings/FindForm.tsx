import { useState, type FormEvent } from 'react'
import { DIRECTIONS, SEARCH_MEDIA_TYPES, type ParsedConversationIds } from '../../../../shared/contract/recordings'
import { toAppError } from '../../../../shared/errors'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { ConversationIdsInput } from './ConversationIdsInput'
import { DateRangeFields } from './DateRangeFields'
import { presetRange, rangeToInstants, type LocalRange } from './dateRange'
import { useRecordingsWorkspace, type FindMode } from './recordingsWorkspace'
import { useQueues, useStartFind } from './useRecordings'
import { Field } from '../../ui/Field'

const MEDIA_WORDS: Record<(typeof SEARCH_MEDIA_TYPES)[number], string> = {
  voice: 'Voice',
  chat: 'Chat',
  email: 'Email',
  message: 'Message',
  callback: 'Callback',
}

/** What to look for: a date range with filters, or conversation ids pasted or imported from a file. */
export function FindForm() {
  const mode = useRecordingsWorkspace((s) => s.mode)
  const setMode = useRecordingsWorkspace((s) => s.setMode)
  const preset = useRecordingsWorkspace((s) => s.preset)
  const showFind = useRecordingsWorkspace((s) => s.showFind)
  const [range, setRange] = useState<LocalRange>(() => presetRange(preset === 'custom' ? 'last7' : preset, new Date()))
  const [queueId, setQueueId] = useState('')
  const [direction, setDirection] = useState('')
  const [mediaType, setMediaType] = useState('')
  const [parsed, setParsed] = useState<ParsedConversationIds | null>(null)
  const [rangeProblem, setRangeProblem] = useState<{ field: 'from' | 'to'; problem: string }>()
  const [idsProblem, setIdsProblem] = useState<string>()
  const queues = useQueues()
  const start = useStartFind()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setRangeProblem(undefined)
    setIdsProblem(undefined)
    if (mode === 'ids') {
      if (!parsed || parsed.conversationIds.length === 0) return setIdsProblem('Paste conversation ids or import a file first.')
      start.mutate({ kind: 'ids', conversationIds: parsed.conversationIds }, { onSuccess: (view) => showFind(view.id) })
      return
    }
    const instants = rangeToInstants(range)
    if ('problem' in instants) return setRangeProblem(instants)
    start.mutate(
      {
        kind: 'search',
        ...instants,
        queueIds: queueId ? [queueId] : [],
        ...(direction ? { direction: direction as (typeof DIRECTIONS)[number] } : {}),
        ...(mediaType ? { mediaType: mediaType as (typeof SEARCH_MEDIA_TYPES)[number] } : {}),
      },
      { onSuccess: (view) => showFind(view.id) },
    )
  }

  return (
    <form className="card rec-find-form" onSubmit={submit} noValidate aria-label="Find recordings">
      <fieldset className="rec-mode">
        <legend className="rec-legend">Find calls by</legend>
        {(['search', 'ids'] as FindMode[]).map((m) => (
          <label key={m} className={`rec-mode-option${mode === m ? ' is-on' : ''}`}>
            <input type="radio" name="rec-find-mode" checked={mode === m} onChange={() => setMode(m)} />
            {m === 'search' ? 'Date range' : 'Conversation ids'}
          </label>
        ))}
      </fieldset>
      {mode === 'search' ? (
        <DateRangeFields range={range} onChange={setRange} problem={rangeProblem}>
          <Field label="Queue" hint={queues.isError ? `Queues could not be listed: ${toAppError(queues.error).message}` : undefined}>
            {(control) => (
              <select {...control} className="select" value={queueId} onChange={(e) => setQueueId(e.target.value)} disabled={!queues.data}>
                <option value="">{queues.isPending ? 'Loading queues…' : 'Any queue'}</option>
                {queues.data?.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Direction">
            {(control) => (
              <select {...control} className="select" value={direction} onChange={(e) => setDirection(e.target.value)}>
                <option value="">Any direction</option>
                <option value="inbound">Inbound</option>
                <option value="outbound">Outbound</option>
              </select>
            )}
          </Field>
          <Field label="Media type">
            {(control) => (
              <select {...control} className="select" value={mediaType} onChange={(e) => setMediaType(e.target.value)}>
                <option value="">Any media</option>
                {SEARCH_MEDIA_TYPES.map((m) => (
                  <option key={m} value={m}>
                    {MEDIA_WORDS[m]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </DateRangeFields>
      ) : (
        <ConversationIdsInput onParsed={setParsed} problem={idsProblem} />
      )}
      {start.isError && <ErrorPanel error={start.error} title="The search could not start" />}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={start.isPending}>
          Find
        </Button>
        {mode === 'ids' && parsed && parsed.conversationIds.length > 0 && (
          <span className="muted">
            Finds the recordings of {parsed.conversationIds.length === 1 ? 'this conversation' : 'these conversations'}.
          </span>
        )}
      </div>
    </form>
  )
}
