import type { PromptPlan } from '../../../../shared/contract/prompts'
import type { LocalRefusal } from './promptsWorkspace'

interface PlanSideNotesProps {
  plan: PromptPlan | null
  localRefusals: LocalRefusal[]
}

/** What is not in the table: files refused in the page, paths not offered at all, and the manifest's problems. */
export function PlanSideNotes({ plan, localRefusals }: PlanSideNotesProps) {
  const ignored = plan?.ignored ?? []
  const manifest = plan?.manifest
  return (
    <>
      {localRefusals.length > 0 && (
        <section className="prompt-notes" aria-label="Refused before sending">
          <h3>Refused before sending ({localRefusals.length})</h3>
          <ul>
            {localRefusals.map((r, i) => (
              <li key={i}>
                <strong>{r.name}</strong>: {r.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
      {manifest && (
        <section className="prompt-notes" aria-label="Manifest">
          <h3>
            Manifest <code>{manifest.path.split(/[\\/]/).pop()}</code>: {manifest.rows} row{manifest.rows === 1 ? '' : 's'}
            {manifest.problems.length > 0 ? `, ${manifest.problems.length} with problems` : ', all usable'}
          </h3>
          {manifest.problems.length > 0 && (
            <ul>
              {manifest.problems.map((p) => (
                <li key={p.row}>
                  Row {p.row}: {p.reason}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {ignored.length > 0 && (
        <details className="prompt-notes">
          <summary>
            {ignored.length} path{ignored.length === 1 ? '' : 's'} not offered
          </summary>
          <ul>
            {ignored.map((g) => (
              <li key={g.path}>
                <code>{g.path}</code>: {g.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  )
}
