import { useState } from 'react'
import type { SavedResults } from '../../../../shared/contract/privacy'
import { savedResultFiles, savedResultUrl } from '../../../../shared/savedResultFiles'
import { useSession } from '../../session'
import { downloadFile } from '../../transport/downloadFile'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { DateTime } from '../../ui/DateTime'
import { formatBytes } from '../../../../shared/format'

/** The last part of a path, whichever separator the platform uses. */
function fileName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path
}

/**
 * Every save of a request's results, newest first: where each file went, its size and SHA-256. In the
 * web shell the folder is on the server's disk, so each file can also be downloaded (token-protected).
 */
export function SavedResultsList({ requestId, saved }: { requestId: string; saved: SavedResults[] }) {
  const webShell = useSession((s) => s.shell) === 'web'
  const [problem, setProblem] = useState<unknown>()
  const entries = saved.map((save, position) => ({ save, position })).reverse()
  return (
    <section className="privacy-saved" aria-label="Saved results">
      {problem != null && <ErrorPanel error={problem} title="The download failed" />}
      {entries.map(({ save, position }) => {
        const downloads = savedResultFiles(save)
        const download = (path: string) => {
          const found = downloads.find((d) => d.path === path)
          if (!found) return
          setProblem(undefined)
          downloadFile(
            savedResultUrl(requestId, position, found.item),
            fileName(path),
            'Save the results again, then download them.',
          ).catch(setProblem)
        }
        return (
          <div key={save.savedAt} className="privacy-save-entry">
            <p>
              <strong>
                Saved <DateTime iso={save.savedAt} />
              </strong>{' '}
              to <code className="privacy-saved-folder">{save.folder}</code>
              {webShell ? ' on the machine running the web shell' : ''}
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
                        {webShell && (
                          <Button small className="privacy-download" onClick={() => download(file.path)}>
                            Download <span className="sr-only">{fileName(file.path)}</span>
                          </Button>
                        )}
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
                            <span key={p} className="privacy-csv-entry">
                              <code className="privacy-csv-path" title={p}>
                                {fileName(p)}
                              </code>
                              {webShell && (
                                <Button small className="privacy-download" onClick={() => download(p)}>
                                  Download <span className="sr-only">{fileName(p)}</span>
                                </Button>
                              )}
                            </span>
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
        )
      })}
    </section>
  )
}
