import type { ExportView } from '../../../../shared/contract/flows'
import { formatBytes } from '../../../../shared/format'
import { DateTime } from '../../ui/DateTime'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Fact } from '../../ui/Fact'
import { EXPORT_STATE_WORDS, EXPORT_STEPS, EXPORT_STEP_WORDS, exportStepStates, flowsText, wordFor } from './flowWords'

const STEP_STATE_WORDS = { done: 'done', current: 'now', upcoming: 'to come', failed: 'failed here' } as const

/** One export: the platform's job through Registered, Started and Success (or Failure), then the file saved. */
export function ExportCard({ view }: { view: ExportView }) {
  const steps = exportStepStates(view)
  const what = `${view.exportType === 'Yaml' ? 'YAML' : view.exportType} export of ${exportedText(view)}`
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
      {view.error && <ErrorPanel error={view.error} title="The export failed" />}
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
