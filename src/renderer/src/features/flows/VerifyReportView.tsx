import type { VerifyReport } from '../../../../shared/contract/flows'
import { formatBytes } from '../../../../shared/format'
import { Banner } from '../../ui/Banner'
import { Card } from '../../ui/Card'
import { DateTime } from '../../ui/DateTime'
import { formatCount } from '../../ui/format'
import { Identifier } from '../../ui/Identifier'
import { VERIFY_PROBLEM_WORDS, verifyProblemCountsText, verifySummaryText, wordFor } from './flowWords'

/** What the check found: the counts, then every problem with its file, what is wrong and what to do. */
export function VerifyReportView({ report }: { report: VerifyReport }) {
  return (
    <Card title="Verification result" className="flows-verify-report">
      <p className="flows-verify-meta">
        <code>
          <Identifier text={report.folder} />
        </code>{' '}
        <span className="muted">
          checked <DateTime iso={report.checkedAt} />
        </span>
      </p>
      <p className="num">{verifySummaryText(report)}</p>
      {report.ok ? (
        <Banner level="success" title="Every file matches its manifest.">
          No file is changed, missing or extra.
        </Banner>
      ) : (
        <>
          <Banner level="error" title={`Problems found: ${verifyProblemCountsText(report.problems, report.problemCounts)}.`}>
            {report.truncated
              ? `The first ${formatCount(report.problems.length)} are listed below with their files; the counts include every one.`
              : 'Each one is listed below with its file.'}
          </Banner>
          <div className="flows-diff-scroll">
            <table className="flows-problems-table">
              <caption className="sr-only">Problems in the archive</caption>
              <thead>
                <tr>
                  <th scope="col">Problem</th>
                  <th scope="col">File</th>
                  <th scope="col">What is wrong</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((problem, i) => (
                  <tr key={i} className={`flows-verify-${problem.kind}`}>
                    <td>
                      <span className={`flows-kind flows-kind-${problem.kind}`}>{wordFor(VERIFY_PROBLEM_WORDS, problem.kind)}</span>
                    </td>
                    <th scope="row" className="flows-diff-path">
                      <code>
                        <Identifier text={problem.path} />
                      </code>
                    </th>
                    <td>
                      <p>{problem.detail}</p>
                      {problem.hint && (
                        <p className="flows-hint">
                          <span className="error-hint-label">What to do:</span> {problem.hint}
                        </p>
                      )}
                      {problem.expectedSizeBytes !== undefined && problem.actualSizeBytes !== undefined && (
                        <p className="muted num">
                          Size {formatBytes(problem.expectedSizeBytes)} in the manifest, {formatBytes(problem.actualSizeBytes)} on disk
                        </p>
                      )}
                      {problem.flowId && (
                        <p className="muted">
                          Flow <code>{problem.flowId}</code>
                          {problem.versionIds && problem.versionIds.length > 0 && (
                            <>
                              , version{problem.versionIds.length === 1 ? '' : 's'}{' '}
                              {problem.versionIds.map((id, j) => (
                                <span key={id}>
                                  {j > 0 && ', '}
                                  <code>{id}</code>
                                </span>
                              ))}
                            </>
                          )}
                        </p>
                      )}
                      {problem.expectedSha256 && (
                        <p className="flows-sha muted">
                          Expected <code>{problem.expectedSha256}</code>
                        </p>
                      )}
                      {problem.actualSha256 && (
                        <p className="flows-sha muted">
                          Found <code>{problem.actualSha256}</code>
                        </p>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  )
}
