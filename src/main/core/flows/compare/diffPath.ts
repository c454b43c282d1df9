/** Readable paths into a configuration: menus[refId=Main_Menu].choices[2].name, settings["x-y"]. */
import type { ItemIdentity } from './itemIdentities'

export const ROOT_PATH = '(whole configuration)'

export function propertyPath(parent: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return parent ? `${parent}.${key}` : key
  return `${parent}[${JSON.stringify(key)}]`
}

/** An array item by its identifying key when it has one, else by its index on that side. */
export function itemPath(parent: string, index: number, identity: ItemIdentity | undefined): string {
  if (!identity) return `${parent}[${index}]`
  const value = /^[\w.:-]+$/.test(identity.value) ? identity.value : JSON.stringify(identity.value)
  return `${parent}[${identity.field}=${value}]`
}
