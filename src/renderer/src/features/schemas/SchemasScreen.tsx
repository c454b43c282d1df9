import { ScreenHeader } from '../../ui/ScreenHeader'
import { SchemaDetail } from './SchemaDetail'
import { SchemaList } from './SchemaList'
import { useSchemaWorkspace } from './schemaWorkspace'
import { useSchemaUpdates } from './useSchemas'
import './schemas.css'

/** Schema migrations: propose a change to an External Contacts schema, review it classified, apply it safely. */
export function SchemasScreen() {
  useSchemaUpdates()
  const schemaId = useSchemaWorkspace((s) => s.schemaId)
  return (
    <div className="schemas-screen">
      <ScreenHeader title="Schemas">
        <p>
          External Contacts custom-field schemas. Propose changes (or import them from a file), review each change classified as safe,
          data-dependent or destructive, tick what to apply, and apply with the version you read: if someone else changed the schema
          meanwhile, you get a rebased review instead of overwriting their work.
        </p>
      </ScreenHeader>
      <SchemaList />
      {schemaId && <SchemaDetail key={schemaId} schemaId={schemaId} />}
    </div>
  )
}
