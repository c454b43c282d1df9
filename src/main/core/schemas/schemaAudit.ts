import type { FieldChange } from '../../../shared/contract/schemas'

const MAX_LIST = 900

/** What changed, for the audit log: field names, kinds of change and counts; never a value. */
export function changeFacts(changes: FieldChange[]): Record<string, string | number> {
  const kinds = [...new Set(changes.flatMap((c) => c.attributes.map((a) => a.kind)))]
  return {
    changes: changes.length,
    added: changes.filter((c) => c.kind === 'added').length,
    removed: changes.filter((c) => c.kind === 'removed').length,
    changed: changes.filter((c) => c.kind === 'changed').length,
    destructive: changes.filter((c) => c.classification === 'destructive').length,
    dataDependent: changes.filter((c) => c.classification === 'data-dependent').length,
    fields: list(changes.map((c) => c.name)),
    kinds: list(kinds),
  }
}

export function schemaTarget(schemaId: string): string {
  return `externalcontacts/contacts/schemas/${schemaId}`
}

function list(items: string[]): string {
  const joined = items.join(',')
  return joined.length <= MAX_LIST ? joined : `${joined.slice(0, MAX_LIST)}…(+${items.length})`
}
