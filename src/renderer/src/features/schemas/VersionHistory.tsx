import { useState } from 'react'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { DateTime } from '../../ui/DateTime'
import { ChangeTable } from './ChangeTable'
import { VersionAuthor } from './VersionAuthor'
import { useCompareVersions, useSchemaVersions } from './useSchemas'

/** Every stored version, and the classified diff between any two of them. */
export function VersionHistory({ schemaId }: { schemaId: string }) {
  const versions = useSchemaVersions(schemaId)
  const compare = useCompareVersions()
  const [picked, setPicked] = useState<{ from?: number; to?: number }>({})
  const list = versions.data ?? []
  const to = picked.to ?? list[0]?.version
  const from = picked.from ?? list[1]?.version ?? to
  return (
    <Card title="Version history">
      {versions.isPending && <p className="muted">Loading versions…</p>}
      {versions.isError && <ErrorPanel error={versions.error} title="Could not load the versions" />}
      {list.length > 0 && (
        <>
          <table className="schema-table">
            <caption className="sr-only">Versions</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Saved</th>
                <th scope="col">By</th>
                <th scope="col">Fields</th>
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={v.version}>
                  <th scope="row" className="num">
                    {v.version}
                  </th>
                  <td>{v.dateCreated ? <DateTime iso={v.dateCreated} /> : '—'}</td>
                  <td>
                    <VersionAuthor version={v} />
                  </td>
                  <td className="num">{v.fieldCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="compare-bar">
            <Field label="From version">
              {(control) => (
                <select {...control} className="select" value={from} onChange={(e) => setPicked({ from: Number(e.target.value), to })}>
                  {list.map((v) => (
                    <option key={v.version} value={v.version}>
                      {v.version}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="To version">
              {(control) => (
                <select {...control} className="select" value={to} onChange={(e) => setPicked({ from, to: Number(e.target.value) })}>
                  {list.map((v) => (
                    <option key={v.version} value={v.version}>
                      {v.version}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Button onClick={() => from && to && compare.mutate({ schemaId, fromVersion: from, toVersion: to })} busy={compare.isPending}>
              Compare versions
            </Button>
          </div>
        </>
      )}
      {compare.isError && <ErrorPanel error={compare.error} title="Could not compare the versions" />}
      <div aria-live="polite">
        {compare.data && compare.data.changes.length === 0 && (
          <EmptyState title="No differences">The two versions have the same fields.</EmptyState>
        )}
        {compare.data && compare.data.changes.length > 0 && (
          <ChangeTable
            changes={compare.data.changes}
            caption={`Changes from version ${compare.variables?.fromVersion} to ${compare.variables?.toVersion}`}
            beforeLabel={`Version ${compare.variables?.fromVersion}`}
            afterLabel={`Version ${compare.variables?.toVersion}`}
          />
        )}
      </div>
    </Card>
  )
}
