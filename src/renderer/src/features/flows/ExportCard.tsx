import type { ExportView } from '../../../../shared/contract/flows'
import { formatBytes } from '../../../../shared/format'
import { useJobControl } from '../../hooks/useJobControls'
import { Button } from '../../ui/Button'
import { DateTime } from '../../ui/DateTime'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Fact } from '../../ui/Fact'
import {
  EXPORT_STATE_WORDS,
  EXPORT_STEPS,
  EXPORT_STEP_WORDS,
  FINISHED_EXPORT_STATES,
  exportStepStates,
  flowsText,
  wordFor,
  type ExportStepState,
} from './flowWords'
import { useStartExport } from './useFlows'

const STEP_STATE_WORDS: Record<ExportStepState, string> = {
  done: 'done',
  current: 'now',
  upcoming: 'to come',
  failed: 'failed here',
  cancelled: 'cancelled',
  skipped: 'not reached',
}

/** One export: the platform's job through Registered, Started and Success (or Failure), then the file saved. */
export function ExportCard({ view }: { view: ExportView }) {
  const steps = exportStepStates(view)
  const what = `${view.exportType === 'Yaml' ? 'YAML' : view.exportType} export of ${exportedText(view)}`
  const control = useJobControl()
  const again = useStartExport()
  const jobId = view.jobId
  const canCancel = jobId !== undefined && !FINISHED_EXPORT_STATES.includes(view.state)
  // The core's run of a failed or cancelled export is over: a new export of the same flows takes its place.
  const canExportAgain = view.state === 'failed' || view.state === 'cancelled'
  return (
    <article className="flows-run" aria-label={what}>
      <div className="flows-run-head">
        <span className={`flows-run-state flows-export-${view.state.toLowerCase()}`}>{wordFor(EXPORT_STATE_WORDS, view.state)}</span>
        <strong>{what}</strong>
        <span className="muted">
          started <DateTime iso={view.createdAt} />
          {view.finishedAt && (
            <>
              , finished <DateTime iso={view.finishedAt} />
            </>
          )}
        </span>
      </div>
      <ol className="flows-steps" aria-label={`Steps of the ${what}`}>
        {EXPORT_STEPS.map((step, i) => (
          <li key={step} className={`flows-step flows-step-${steps[i]}`} aria-current={steps[i] === 'current' ? 'step' : undefined}>
            <span className="flows-step-mark" aria-hidden="true" />
            <span className="flows-step-name">{EXPORT_STEP_WORDS[step]}</span>
            <span className="flows-step-state">{STEP_STATE_WORDS[steps[i]]}</span>
          </li>
        ))}
      </ol>
      {view.messages.length > 0 && (
        <ul className="flows-messages" aria-label={`What the exporter said about the ${what}`}>
          {view.messages.map((message, i) => (
            <li key={i}>
              <code>{message}</code>
            </li>
          ))}
        </ul>
      )}
      <div className="flows-run-controls">
        {canCancel && (
          <Button
            small
            variant="ghost"
            onClick={() => control.mutate({ action: 'cancel', id: jobId })}
            busy={control.isPending}
            aria-label={`Cancel the ${what}`}
          >
            Cancel
          </Button>
        )}
        {canExportAgain && (
          <Button
            small
            onClick={() => again.mutate({ flowIds: view.flowIds, exportType: view.exportType, folder: view.folder })}
            busy={again.isPending}
            aria-label={`Export again: ${what}`}
          >
            Export again
          </Button>
        )}
      </div>
      {control.isError && <ErrorPanel error={control.error} title="The export could not be cancelled" />}
      {again.isError && <ErrorPanel error={again.error} title="The export could not start again" />}
      {/* A cancel is the admin's own doing: said plainly, not as an error to act on. */}
      {view.state === 'cancelled' ? (
        <p className="muted">Cancelled; no file was saved.</p>
      ) : (
        view.error && <ErrorPanel error={view.error} title="The export failed" />
      )}
      {(view.path || view.platformJobId) && (
        <dl className="facts flows-run-facts">
          {view.path && <Fact term="Saved as" value={view.path} mono copy={`Copy the path of the ${what}`} />}
          {view.sizeBytes !== undefined && <Fact term="Size" value={formatBytes(view.sizeBytes)} />}
          {view.sha256 && <Fact term="SHA-256" value={view.sha256} mono copy={`Copy the SHA-256 of the ${what}`} />}
          {view.platformJobId && <Fact term="Export job" value={view.platformJobId} mono />}
        </dl>
      )}
    </article>
  )
}

function exportedText(view: Pick<ExportView, 'flowNames' | 'flowIds'>): string {
  if (view.flowNames.length > 0) return view.flowNames.join(', ')
  return view.flowIds.length === 1 ? `flow ${view.flowIds[0]}` : flowsText(view.flowIds.length)
}
