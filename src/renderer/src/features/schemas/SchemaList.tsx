import { Card } from '../../ui/Card'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Button } from '../../ui/Button'
import { useSchemaList } from './useSchemas'
import { useSchemaWorkspace } from './schemaWorkspace'

/** The org's External Contacts schemas; Open loads one into the workspace below. */
export function SchemaList() {
  const list = useSchemaList()
  const openId = useSchemaWorkspace((s) => s.schemaId)
  const open = useSchemaWorkspace((s) => s.open)
  return (
    <Card
      title="Contact schemas"
      actions={
        <Button small onClick={() => void list.refetch()} busy={list.isFetching}>
          Refresh
        </Button>
      }
    >
      {list.isPending && <p className="muted">Loading schemas…</p>}
      {list.isError && <ErrorPanel error={list.error} title="Could not load the schemas" />}
      {list.data && list.data.length === 0 && (
        <EmptyState title="No schemas">This org has no External Contacts custom-field schemas yet.</EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <table className="schema-table">
          <caption className="sr-only">External Contacts schemas</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Version</th>
              <th scope="col">Fields</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((schema) => (
              <tr key={schema.id} aria-current={schema.id === openId ? 'true' : undefined}>
                <th scope="row">{schema.name}</th>
                <td className="num">{schema.version}</td>
                <td className="num">{schema.fieldCount}</td>
                <td>{schema.enabled ? 'Enabled' : 'Disabled'}</td>
                <td className="cell-action">
                  {schema.id === openId ? (
                    <span className="muted">Opened below</span>
                  ) : (
                    <Button small onClick={() => open(schema.id)} aria-label={`Open ${schema.name}`}>
                      Open
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  )
}
