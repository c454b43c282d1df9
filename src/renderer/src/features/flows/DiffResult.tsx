import type { CompareResult, DiffChange } from '../../../../shared/contract/flows'
import { Banner } from '../../ui/Banner'
import { CopyButton } from '../../ui/CopyButton'
import { formatCount } from '../../ui/format'
import { Identifier } from '../../ui/Identifier'
import { compareSideText, DIFF_KIND_WORDS, diffCountsText, movedText, valueText } from './flowWords'

/** The structural diff of two configurations: what was added, removed, changed or moved, where, and the values. */
export function DiffResult({ result }: { result: CompareResult }) {
  const left = compareSideText(result.left, result.leftLabel)
  const right = compareSideText(result.right, result.rightLabel)
  const caption = `Changes from ${left} to ${right}`
  return (
    <div className="flows-diff">
      <dl className="flows-diff-sides">
        <Side term="From" label={left} sha256={result.leftSha256} />
        <Side term="To" label={right} sha256={result.rightSha256} />
      </dl>
      {result.identical ? (
        <Banner level="success" title="Identical: the two configurations have the same content.">
          Both hash to the same SHA-256.
        </Banner>
      ) : (
        <>
          <p className="flows-diff-counts num" role="status">
            {diffCountsText(result.counts)}
          </p>
          {result.truncated && (
            <p className="muted">
              Only the first {formatCount(result.changes.length)} changes are listed; the counts above include every change.
            </p>
          )}
          <div className="flows-diff-scroll">
            <table className="flows-diff-table">
              <caption className="sr-only">{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">Change</th>
                  <th scope="col">Path</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {result.changes.map((change, i) => (
                  <ChangeRow key={i} change={change} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  )
}

function ChangeRow({ change }: { change: DiffChange }) {
  return (
    <tr className={`flows-diff-${change.kind}`}>
      <td>
        <span className={`flows-kind flows-kind-${change.kind}`}>{DIFF_KIND_WORDS[change.kind] ?? change.kind}</span>
      </td>
      <th scope="row" className="flows-diff-path">
        <code>
          <Identifier text={change.path} />
        </code>
      </th>
      {change.kind === 'moved' ? (
        <td colSpan={2} className="flows-diff-moved">
          {movedText(change)}
          {change.after !== undefined && <Value text={change.after} truncated={change.truncated} />}
        </td>
      ) : (
        <>
          <td>
            {change.before !== undefined ? <Value text={change.before} truncated={change.truncated} /> : <span className="muted">—</span>}
          </td>
          <td>
            {change.after !== undefined ? <Value text={change.after} truncated={change.truncated} /> : <span className="muted">—</span>}
          </td>
        </>
      )}
    </tr>
  )
}

/** A value as short JSON text, kept whole (wrapped, never cut by CSS); the core says when it shortened it. */
function Value({ text, truncated }: { text: string; truncated?: boolean }) {
  return (
    <code className="flows-value">
      {valueText(text)}
      {truncated && !text.endsWith('…') ? '…' : ''}
    </code>
  )
}

/** One side: its label and the SHA-256 of its configuration, whole unless the line is too narrow (then cut, in full in the tooltip and copied). */
function Side({ term, label, sha256 }: { term: string; label: string; sha256: string }) {
  return (
    <div className="flows-diff-side">
      <dt>{term}</dt>
      <dd>
        <strong>{label}</strong>
        <code className="flows-hash" title={sha256}>
          {sha256}
        </code>
        <CopyButton text={sha256} label={`Copy the SHA-256 of ${label}`} />
      </dd>
    </div>
  )
}
