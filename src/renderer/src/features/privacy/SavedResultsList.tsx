import type { SavedResults } from '../../../../shared/contract/privacy'
import { CopyButton } from '../../ui/CopyButton'
import { DateTime } from '../../ui/DateTime'
import { formatBytes } from '../../../../shared/format'

/** The last part of a path, whichever separator the platform uses. */
function fileName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path
}

/** Every save of a request's results, newest first: where each file went, its size and SHA-256. */
export function SavedResultsList({ saved }: { saved: SavedResults[] }) {
  return (
    <section className="privacy-saved" aria-label="Saved results">
      {[...saved].reverse().map((save) => (
        <div key={save.savedAt} className="privacy-save-entry">
          <p>
            <strong>
              Saved <DateTime iso={save.savedAt} />
            </strong>{' '}
            to <code className="privacy-saved-folder">{save.folder}</code>
            {save.problems.length === 0 ? ', verified: sizes match, JSON parses.' : `: ${save.problems.length} file(s) failed.`}
          </p>
          <div className="privacy-table-scroll">
            <table className="privacy-files">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Size</th>
                  <th scope="col">SHA-256</th>
                  <th scope="col">CSV copies</th>
                </tr>
              </thead>
              <tbody>
                {save.files.map((file) => (
                  <tr key={file.index}>
                    <td>
                      <code title={file.path}>{fileName(file.path)}</code>
                      {file.alreadySaved && <span className="muted"> (already there, unchanged)</span>}
                    </td>
                    <td className="num">{formatBytes(file.bytes)}</td>
                    <td>
                      <code className="privacy-hash">{file.sha256}</code>
                      <CopyButton text={file.sha256} label={`Copy SHA-256 of result ${file.index}`} />
                    </td>
                    <td>
                      {file.csvPaths.length === 0 ? (
                        <span className="muted">none</span>
                      ) : (
                        file.csvPaths.map((p) => (
                          <code key={p} className="privacy-csv-path" title={p}>
                            {fileName(p)}
                          </code>
                        ))
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {save.problems.length > 0 && (
            <ul className="privacy-save-problems" role="alert">
              {save.problems.map((p) => (
                <li key={p.index}>
                  Result {p.index}: {p.message} <strong>What to do:</strong> {p.hint}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  )
}
