import type { FlowVersionRow } from '../../../../shared/contract/flows'
import { DateTime } from '../../ui/DateTime'
import { authorText, isKnownVersionType, versionTypeText, versionTypeTone } from './flowWords'
import { useFlowsWorkspace } from './flowsWorkspace'

/**
 * A flow's history, newest first: each version's number, what happened (published, checked in, saved),
 * who and when. The words carry the type; the mark's colour only repeats it. Each row ticks its version.
 */
export function VersionTimeline({ versions, flowName }: { versions: FlowVersionRow[]; flowName: string }) {
  return (
    <ol className="flows-timeline" aria-label={`Version history of ${flowName}`}>
      {versions.map((version) => (
        <TimelineItem key={version.id} version={version} />
      ))}
    </ol>
  )
}

function TimelineItem({ version }: { version: FlowVersionRow }) {
  const checked = useFlowsWorkspace((s) => s.selectedVersions.has(version.id))
  const toggle = useFlowsWorkspace((s) => s.toggleVersion)
  const what = versionTypeText(version.type)
  const author = authorText(version.createdBy)
  return (
    <li className={`flows-version flows-version-${versionTypeTone(version.type)}${checked ? ' is-selected' : ''}`}>
      <label className="flows-version-row">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => toggle(version.id, e.target.checked)}
          aria-label={`Select version ${version.name} (${what.toLowerCase()} by ${author})`}
        />
        <span className="flows-version-mark" aria-hidden="true" />
        <span className="flows-version-name num">{version.name}</span>
        <span className="flows-version-type">
          {isKnownVersionType(version.type) ? (
            what
          ) : (
            <code className="flows-raw" title="A version type this version of Switchboard does not know, as the org sent it">
              {version.type}
            </code>
          )}
          {version.debug && <span className="flows-version-flag">debug</span>}
          {version.secure && <span className="flows-version-flag">secure</span>}
        </span>
        <span className="flows-version-who">{author}</span>
        <span className="flows-version-when">
          {version.when ? <DateTime iso={version.when} /> : <span className="muted">no date</span>}
        </span>
      </label>
    </li>
  )
}
