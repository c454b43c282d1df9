import type { PrivacyRequestView } from '../../../../shared/contract/privacy'
import { DateTime } from '../../ui/DateTime'
import { statusWord } from './privacyWords'

type StepState = 'done' | 'current' | 'skipped' | 'upcoming' | 'failed'

const STATE_WORDS: Record<StepState, string> = {
  done: 'done',
  current: 'now',
  skipped: 'passed between checks',
  upcoming: 'to come',
  failed: 'ended here',
}

/** The statuses this request passes through: when each was seen, which one it is in, which are still to come. */
export function StatusTimeline({ request }: { request: PrivacyRequestView }) {
  const seen = new Map(request.timeline.map((step) => [step.status, step.seenAt]))
  const currentIndex = request.path.indexOf(request.status)
  return (
    <ol className="privacy-timeline" aria-label="Status timeline">
      {request.path.map((status, i) => {
        const state: StepState =
          status === request.status
            ? status === 'ERROR'
              ? 'failed'
              : status === 'COMPLETED'
                ? 'done'
                : 'current'
            : i < currentIndex
              ? seen.has(status)
                ? 'done'
                : 'skipped'
              : 'upcoming'
        const at = seen.get(status)
        return (
          <li key={status} className={`privacy-step privacy-step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="privacy-step-mark" aria-hidden="true" />
            <span className="privacy-step-name">{statusWord(status)}</span>
            <span className="privacy-step-when">{at && state !== 'upcoming' ? <DateTime iso={at} /> : STATE_WORDS[state]}</span>
          </li>
        )
      })}
    </ol>
  )
}
